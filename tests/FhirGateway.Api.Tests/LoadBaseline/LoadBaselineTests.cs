using System.Net.Http.Headers;
using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace FhirGateway.Api.Tests.LoadBaseline;

public sealed class LoadBaselineTests(SqliteGateway factory) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Is_not_mapped_by_default()
    {
        using var client = factory.CreateClient();

        using var get = await client.GetAsync("/_load/baseline");
        using var put = await client.PutAsync("/_load/baseline", Body("{}"));

        Assert.Equal(404, (int)get.StatusCode);
        Assert.Equal(404, (int)put.StatusCode);
    }

    [Fact]
    public async Task When_enabled_answers_the_bytes_and_content_type_it_was_given()
    {
        using var enabled = factory.WithWebHostBuilder(builder => builder.UseSetting("LoadBaseline:Enabled", "true"));
        using var client = enabled.CreateClient();
        var bytes = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"meta\":{\"versionId\":\"1\"}}"u8.ToArray();

        using var before = await client.GetAsync("/_load/baseline");
        using var put = await client.PutAsync("/_load/baseline", Body(bytes));
        using var after = await client.GetAsync("/_load/baseline");

        Assert.Equal(404, (int)before.StatusCode);
        Assert.Equal(204, (int)put.StatusCode);
        Assert.Equal(200, (int)after.StatusCode);
        Assert.Equal("application/fhir+json; charset=utf-8", after.Content.Headers.ContentType?.ToString());
        Assert.Equal(bytes, await after.Content.ReadAsByteArrayAsync());
    }

    private static ByteArrayContent Body(string text) => Body(System.Text.Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json; charset=utf-8");
        return content;
    }
}
