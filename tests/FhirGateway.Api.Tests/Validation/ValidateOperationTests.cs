using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Validation;

/// <summary>$validate at type and instance level (https://hl7.org/fhir/R4/resource-operation-validate.html).</summary>
public sealed class ValidateOperationTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task A_valid_resource_gets_an_informational_outcome()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json(TestFhir.Patient("Valid")));

        Assert.Equal(200, (int)response.StatusCode);
        var outcome = await FhirResponse.ReadAsync(response, "OperationOutcome");
        Assert.DoesNotContain(outcome.ChildrenNamed("issue"), i => i.Value("severity") is "error" or "fatal");
    }

    [Fact]
    public async Task Reader_and_validator_issues_are_all_reported_with_200()
    {
        using var client = gateway.CreateClient();

        using var unreadable = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json("""{"resourceType":"Patient","gender":1,"colour":"blue"}"""));
        using var invalid = await client.PostAsync("/fhir/Observation/$validate", TestFhir.Json("""{"resourceType":"Observation"}"""));
        using var wrongType = await client.PostAsync("/fhir/Observation/$validate", TestFhir.Json(TestFhir.Patient("X")));

        Assert.Equal(200, (int)unreadable.StatusCode);
        Assert.Equal(2, (await FhirResponse.ReadAsync(unreadable, "OperationOutcome")).ChildrenNamed("issue").Count());
        var errors = (await FhirResponse.ReadAsync(invalid, "OperationOutcome")).ChildrenNamed("issue").Where(i => i.Value("severity") == "error");
        Assert.Equal(
            ["Observation.status: at least 1 required, but none found.", "Observation.code: at least 1 required, but none found."],
            errors.Select(i => i.Value("diagnostics")));
        Assert.Equal("error", (await FhirResponse.ReadAsync(wrongType, "OperationOutcome")).Value("issue.severity"));
    }

    [Fact]
    public async Task Parameters_carry_the_resource_mode_and_profile()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Instance");
        var parameters = $$"""
            {"resourceType":"Parameters","parameter":[
              {"name":"resource","resource":{{TestFhir.Patient("Other", id: "someone-else")}}},
              {"name":"mode","valueCode":"update"},
              {"name":"profile","valueUri":"https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"}]}
            """;

        using var response = await client.PostAsync($"/fhir/Patient/{id}/$validate", TestFhir.Json(parameters));
        using var delete = await client.PostAsync("/fhir/Patient/unknown/$validate", TestFhir.Json("""{"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"delete"}]}"""));
        using var sameId = await client.PostAsync($"/fhir/Patient/{id}/$validate", TestFhir.Json(TestFhir.Patient("Same", id: id)));

        var issues = (await FhirResponse.ReadAsync(response, "OperationOutcome")).ChildrenNamed("issue").ToList();
        Assert.Contains(issues, i => i.Value("severity") == "error" && i.Value("diagnostics")!.Contains(id, StringComparison.Ordinal));
        // "If a profile is nominated, and the server cannot validate against the nominated profile, it SHALL return an error."
        Assert.Contains(issues, i => i.Value("severity") == "error" && i.Value("diagnostics")!.Contains("UKCore-Patient", StringComparison.Ordinal));
        Assert.Equal("error", (await FhirResponse.ReadAsync(delete, "OperationOutcome")).Value("issue.severity"));
        Assert.DoesNotContain((await FhirResponse.ReadAsync(sameId, "OperationOutcome")).ChildrenNamed("issue"), i => i.Value("severity") is "error" or "fatal");
    }
}
