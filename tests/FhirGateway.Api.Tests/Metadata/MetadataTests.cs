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
}
