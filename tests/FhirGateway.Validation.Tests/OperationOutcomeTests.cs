using FhirGateway.Fhir.Serialization;
using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests;

/// <summary>Results as OperationOutcomes: one issue per problem, with severity, type, stable code, message and location.</summary>
public sealed class OperationOutcomeTests
{
    [Fact]
    public void Each_issue_becomes_an_outcome_issue()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","gender":"F"}""");

        var outcome = result.ToOperationOutcome();

        var json = FhirJsonWriter.SerializeToString(outcome);
        Assert.Contains("\"severity\":\"error\"", json, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"code-invalid\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"system\":\"{ValidationIssueCodes.CodeSystem}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"binding-required\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expression\":[\"Patient.gender\"]", json, StringComparison.Ordinal);
        Assert.Equal(result.Issues.Count, outcome.ChildrenNamed("issue").Count());
    }

    [Fact]
    public void An_outcome_is_itself_valid()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","gender":"F","birthDate":"x"}""");

        var check = FhirValidator.Default.Validate(result.ToOperationOutcome());

        Assert.True(check.IsValid, Resources.Describe(check));
    }

    [Fact]
    public void No_issues_give_one_information_issue()
    {
        var outcome = ValidationResult.From([]).ToOperationOutcome();

        var issue = Assert.Single(outcome.ChildrenNamed("issue"));
        Assert.Equal("information", issue.Child("severity")!.Value);
    }
}
