using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.Metadata;

/// <summary>GET [base]/metadata (https://hl7.org/fhir/R4/http.html#capabilities).</summary>
public sealed class MetadataTests(SqliteGateway factory) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Metadata_is_a_valid_R4_CapabilityStatement()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/fhir/metadata");

        Assert.Equal(200, (int)response.StatusCode);
        var statement = await FhirResponse.ReadAsync(response, "CapabilityStatement");
        Assert.Equal("4.0.1", statement.Value("fhirVersion"));
        Assert.Equal("active", statement.Value("status"));
        Assert.Equal("instance", statement.Value("kind"));
        Assert.Equal("FhirGateway", statement.Value("software.name"));
        Assert.StartsWith("0.1.0", statement.Value("software.version"), StringComparison.Ordinal);
        Assert.Equal("http://localhost/fhir", statement.Value("implementation.url"));
        Assert.Equal(["json", "xml"], statement.ChildrenNamed("format").Select(f => f.Value));
        var rest = Assert.Single(statement.ChildrenNamed("rest"));
        Assert.Equal("server", rest.Value("mode"));
        Assert.Equal(Fhir.Definitions.FhirModel.R4.ResourceTypes.Count(), rest.ChildrenNamed("resource").Count());
        Assert.Equal(["transaction", "batch", "search-system", "history-system"], rest.ChildrenNamed("interaction").Select(i => i.Value("code")));
    }

    [Fact]
    public async Task Implementation_url_is_the_configured_public_base_url()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Fhir:PublicBaseUrl", "https://gateway.example.org/fhir/"));
        using var client = configured.CreateClient();

        var statement = await FhirResponse.ReadAsync(await client.GetAsync("/fhir/metadata"), "CapabilityStatement");

        Assert.Equal("https://gateway.example.org/fhir", statement.Value("implementation.url"));
    }

    [Theory]
    [InlineData("/fhir/metadata?_format=json")]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bjson")]
    [InlineData("/fhir/metadata?_format=application/json")]
    public async Task Format_parameter_selects_json(string url)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
        await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }

    [Theory]
    [InlineData("application/fhir+json")]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/fhir+xml;q=0.9, application/fhir+json")]
    [InlineData("application/fhir+json; fhirVersion=4.0")]
    [InlineData("application/fhir+json; fhirVersion=3.0, application/fhir+json; fhirVersion=4.0.1; q=0.5")]
    public async Task Accept_header_selects_json(string accept)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }

    [Theory]
    [InlineData("/fhir/metadata?_format=xml", null)]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bxml", null)]
    [InlineData("/fhir/metadata", "application/fhir+xml")]
    [InlineData("/fhir/metadata", "application/xml, application/fhir+json;q=0.5")]
    [InlineData("/fhir/metadata?_format=xml", "application/fhir+json")]
    public async Task Xml_is_served_when_asked_for(string url, string? accept)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var statement = await FhirResponse.ReadAsync(response, "CapabilityStatement", FhirResponse.XmlMediaType);
        Assert.Equal("4.0.1", statement.Value("fhirVersion"));
    }

    [Fact]
    public async Task Pretty_parameter_indents_the_json()
    {
        using var client = factory.CreateClient();

        var compact = await client.GetStringAsync("/fhir/metadata");
        var pretty = await client.GetStringAsync("/fhir/metadata?_pretty=true");

        Assert.DoesNotContain('\n', compact);
        Assert.StartsWith("{\n  \"resourceType\": \"CapabilityStatement\"", pretty.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_requests_get_identical_bytes_and_the_same_validators()
    {
        using var client = factory.CreateClient();

        using var first = await client.GetAsync("/fhir/metadata");
        using var second = await client.GetAsync("/fhir/metadata");

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.NotNull(first.Headers.ETag);
        Assert.True(first.Headers.ETag.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);
        var statement = await FhirResponse.ReadAsync(second, "CapabilityStatement");
        Assert.Equal(first.Content.Headers.LastModified!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), statement.Value("date"));
    }

    [Fact]
    public async Task Each_format_and_style_is_its_own_representation()
    {
        using var client = factory.CreateClient();

        using var json = await client.GetAsync("/fhir/metadata");
        using var xml = await client.GetAsync("/fhir/metadata?_format=xml");
        using var pretty = await client.GetAsync("/fhir/metadata?_pretty=true");

        Assert.NotEqual(json.Headers.ETag, xml.Headers.ETag);
        Assert.NotEqual(json.Headers.ETag, pretty.Headers.ETag);
        await FhirResponse.ReadAsync(xml, "CapabilityStatement", FhirResponse.XmlMediaType);
    }

    [Fact]
    public async Task If_None_Match_with_the_current_ETag_answers_304()
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/fhir/metadata");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var revalidated = await client.SendAsync(request);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "W/\"0123\"");
        using var changed = await client.SendAsync(stale);

        Assert.Equal(304, (int)revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
        Assert.Equal(200, (int)changed.StatusCode);
    }

    [Fact]
    public async Task The_base_url_of_each_request_is_honoured()
    {
        using var client = factory.CreateClient();

        var local = await GetWithHostAsync(client, "localhost");
        var other = await GetWithHostAsync(client, "gateway.internal:8080");
        var localAgain = await GetWithHostAsync(client, "localhost");

        Assert.Equal("http://localhost/fhir", local.Value("implementation.url"));
        Assert.Equal("http://gateway.internal:8080/fhir", other.Value("implementation.url"));
        Assert.Equal("http://localhost/fhir", localAgain.Value("implementation.url"));
    }

    [Fact]
    public async Task Gzip_is_applied_to_the_cached_statement()
    {
        using var client = factory.CreateDefaultClient();
        using var plain = await client.GetAsync("/fhir/metadata");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var compressed = await client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        await gzip.CopyToAsync(inflated);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), inflated.ToArray());
    }

    [Theory]
    [InlineData("full")]
    [InlineData("normative")]
    public async Task Mode_full_and_normative_answer_the_statement(string mode)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/fhir/metadata?mode=" + mode);

        await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }

    [Theory]
    [InlineData("terminology", "not-supported")]
    [InlineData("everything", "invalid")]
    public async Task Other_modes_are_refused(string mode, string issueType)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/fhir/metadata?mode=" + mode);

        await OutcomeAssert.IsOutcomeAsync(response, 400, issueType);
    }

    private static async Task<Fhir.Model.ElementNode> GetWithHostAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }
}
