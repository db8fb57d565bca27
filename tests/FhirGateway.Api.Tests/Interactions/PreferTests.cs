using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>Prefer: return= on writes (https://hl7.org/fhir/R4/http.html#ops).</summary>
public sealed class PreferTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Return_minimal_sends_headers_only()
    {
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Minimal")), ("Prefer", "return=minimal"));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("W/\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Return_OperationOutcome_says_what_happened()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Outcome");

        using var update = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Changed", id: id)), ("Prefer", "return=OperationOutcome"));
        using var delete = await client.SendAsync(HttpMethod.Delete, $"/fhir/Patient/{id}", null, ("Prefer", "return=OperationOutcome"));

        Assert.Equal(200, (int)update.StatusCode);
        var outcome = await FhirResponse.ReadAsync(update, "OperationOutcome");
        Assert.Equal(("information", "informational"), (outcome.Value("issue.severity"), outcome.Value("issue.code")));
        Assert.Contains("version 2", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
        Assert.Equal(200, (int)delete.StatusCode);
        Assert.Contains("Deleted", (await FhirResponse.ReadAsync(delete, "OperationOutcome")).Value("issue.diagnostics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_representation_is_the_default_and_reads_ignore_Prefer()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Default");

        using var read = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("Prefer", "return=minimal"));
        using var update = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Again", id: id)), ("Prefer", "return=representation"));

        Assert.Equal("Default", (await FhirResponse.ReadAsync(read, "Patient")).Family());
        Assert.Equal("Again", (await FhirResponse.ReadAsync(update, "Patient")).Family());
    }
}
