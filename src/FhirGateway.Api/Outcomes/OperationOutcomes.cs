using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Outcomes;

/// <summary>Builds OperationOutcome resources (https://hl7.org/fhir/R4/operationoutcome.html) with the element model.</summary>
internal static class OperationOutcomes
{
    /// <summary>An OperationOutcome with one issue; <paramref name="id"/> carries the request's trace id.</summary>
    public static ElementNode Create(string? id, IssueSeverity severity, string issueType, string diagnostics)
    {
        var outcome = new ElementNode(FhirModel.R4.GetType("OperationOutcome"));
        if (!string.IsNullOrEmpty(id))
        {
            outcome.AddNew("id").Value = id;
        }

        var issue = outcome.AddNew("issue");
        issue.AddNew("severity").Value = SeverityCode(severity);
        issue.AddNew("code").Value = issueType;
        issue.AddNew("diagnostics").Value = diagnostics;
        return outcome;
    }

    /// <summary>
    /// The outcome of a successful write under <c>Prefer: return=OperationOutcome</c>: what happened, then each
    /// warning validation raised (https://hl7.org/fhir/R4/http.html#ops).
    /// </summary>
    public static ElementNode Success(string? id, string message, IReadOnlyList<ParseIssue> warnings)
    {
        var outcome = Create(id, IssueSeverity.Information, "informational", message);
        if (warnings.Count > 0)
        {
            foreach (var issue in OperationOutcomeFactory.FromIssues(warnings).ChildrenNamed("issue").ToList())
            {
                outcome.Add(issue.DeepCopy());
            }
        }

        return outcome;
    }

    // https://hl7.org/fhir/R4/valueset-issue-severity.html
    private static string SeverityCode(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Fatal => "fatal",
        IssueSeverity.Error => "error",
        IssueSeverity.Warning => "warning",
        _ => "information",
    };
}
