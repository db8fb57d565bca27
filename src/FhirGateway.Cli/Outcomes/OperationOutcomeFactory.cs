using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Cli.Outcomes;

/// <summary>Turns reader issues into an R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html).</summary>
internal static class OperationOutcomeFactory
{
    public static ElementNode FromIssues(IEnumerable<ParseIssue> issues)
    {
        var outcome = new ElementNode(FhirModel.R4.GetType("OperationOutcome"));
        foreach (var parseIssue in issues)
        {
            var issue = outcome.AddNew("issue");
            issue.AddNew("severity").Value = Severity(parseIssue.Severity);
            issue.AddNew("code").Value = parseIssue.IssueType;
            issue.AddNew("details").AddNew("text").Value = parseIssue.Message;

            // The stable reader code first, so scripts can act on it, then where in the file.
            var diagnostics = parseIssue.Line is { } line
                ? $"{parseIssue.Code} (line {line}, column {parseIssue.Column ?? 0})"
                : parseIssue.Code;
            issue.AddNew("diagnostics").Value = diagnostics;
            if (parseIssue.Location.Length > 0)
            {
                issue.AddNew("expression").Value = parseIssue.Location;
            }
        }

        return outcome;
    }

    // https://hl7.org/fhir/R4/valueset-issue-severity.html
    private static string Severity(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Fatal => "fatal",
        IssueSeverity.Error => "error",
        IssueSeverity.Warning => "warning",
        _ => "information",
    };
}
