using System.IO.Compression;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Tests.Compression;

/// <summary>Responses in FHIR media types are compressed for clients that accept it.</summary>
public sealed class CompressionTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Gzip_is_used_when_accepted_and_not_otherwise()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Compressed");

        using var gzip = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("Accept-Encoding", "gzip"));
        using var plain = await client.GetAsync($"/fhir/Patient/{id}");
        using var metadata = await client.SendAsync(HttpMethod.Get, "/fhir/metadata", null, ("Accept-Encoding", "gzip"));

        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        await using var stream = new GZipStream(await gzip.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), buffer.ToArray());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("gzip", Assert.Single(metadata.Content.Headers.ContentEncoding));
        Assert.True(FhirJsonReader.Parse(buffer.ToArray()).Success);
    }
}
