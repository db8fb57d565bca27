using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Api.Tests.Outcomes;

/// <summary>Every error under /fhir answers with an OperationOutcome carrying the trace id (https://hl7.org/fhir/R4/http.html#Status-Codes).</summary>
public sealed class ErrorOutcomeTests(SqliteGateway factory) : IClassFixture<SqliteGateway>
{
    [Theory]
    [InlineData("/fhir/no-such-interaction")]
    [InlineData("/fhir/Patient/123")]
    [InlineData("/fhir/NoSuchType/123")]
    public async Task Unknown_fhir_route_is_404_OperationOutcome(string url)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        await OutcomeAssert.IsOutcomeAsync(response, 404, "not-found");
    }

    [Fact]
    public async Task Errors_are_written_in_the_format_the_client_asked_for()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/fhir/no-such-interaction?_format=xml");

        await OutcomeAssert.IsOutcomeAsync(response, 404, "not-found", FhirResponse.XmlMediaType);
    }

    [Fact]
    public async Task Unsupported_method_is_405_OperationOutcome_with_Allow()
    {
        using var client = factory.CreateClient();

        using var response = await client.DeleteAsync("/fhir/metadata");

        await OutcomeAssert.IsOutcomeAsync(response, 405, "not-supported");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Exception_is_500_OperationOutcome_without_details()
    {
        using var throwing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, ThrowingRouteStartupFilter>()));
        using var client = throwing.CreateClient();

        using var response = await client.GetAsync(ThrowingRouteStartupFilter.Path);

        var body = await response.Content.ReadAsStringAsync();
        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 500, "exception");
        Assert.Equal("fatal", outcome.Value("issue.severity"));
        Assert.DoesNotContain(ThrowingRouteStartupFilter.SecretMessage, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationOutcome_id_is_the_trace_id_of_the_request()
    {
        // W3C Trace Context: the server continues the caller's trace (https://www.w3.org/TR/trace-context/#traceparent-header).
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/no-such-interaction");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await client.SendAsync(request);

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 404, "not-found");
        Assert.Equal(traceId, outcome.Value("id"));
    }

    [Fact]
    public async Task Errors_outside_the_fhir_base_are_not_OperationOutcomes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/not-fhir");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.NotEqual(FhirResponse.JsonMediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
