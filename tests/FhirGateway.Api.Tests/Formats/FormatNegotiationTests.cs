using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.Formats;

/// <summary>Formats the server cannot return are refused with 406 and an OperationOutcome (https://hl7.org/fhir/R4/http.html#mime-type).</summary>
public sealed class FormatNegotiationTests(SqliteGateway factory) : IClassFixture<SqliteGateway>
{
    [Theory]
    [InlineData("/fhir/metadata?_format=ttl")]
    [InlineData("/fhir/metadata?_format=text/html")]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bjson;fhirVersion=3.0")]
    public async Task Unsupported_format_parameter_is_406(string url)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        await OutcomeAssert.IsOutcomeAsync(response, 406, "not-supported");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/fhir+json;q=0, text/plain")]
    [InlineData("application/fhir+json; fhirVersion=3.0")]
    [InlineData("application/fhir+xml; fhirVersion=5.0")]
    public async Task Unsupported_accept_header_is_406(string accept)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        await OutcomeAssert.IsOutcomeAsync(response, 406, "not-supported");
    }
}
