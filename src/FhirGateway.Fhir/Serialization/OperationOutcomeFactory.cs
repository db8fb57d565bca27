using System.Globalization;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Turns reader issues into an R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html), the form in
/// which FHIR routes answer errors: one issue per problem, with the stable code in <c>details.coding</c> (system
/// <see cref="ParseIssueCodes.CodeSystem"/> for the readers' issues, the issue's own for validation's) so programs can
/// act on it, the message in <c>diagnostics</c> for people, and the location as a FHIRPath <c>expression</c>.
/// </summary>
public static class OperationOutcomeFactory
{
    /// <summary>Builds an OperationOutcome for a read's issues.</summary>
    /// <param name="result">The read.</param>
    /// <param name="diagnosticsPrefix">Text put before each diagnostics message exactly as given, e.g. <c>"Request body: "</c>.</param>
    public static ElementNode FromResult(ParseResult result, string? diagnosticsPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return FromIssues(result.Issues, diagnosticsPrefix);
    }

    /// <summary>Builds an OperationOutcome with one issue per parse issue, in order.</summary>
    /// <param name="issues">The issues.</param>
    /// <param name="diagnosticsPrefix">Text put before each diagnostics message exactly as given, e.g. <c>"Request body: "</c>.</param>
    public static ElementNode FromIssues(IEnumerable<ParseIssue> issues, string? diagnosticsPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var prefix = diagnosticsPrefix ?? string.Empty;
        var outcome = new ElementNode(FhirModel.R4.GetType("OperationOutcome"));
        foreach (var issue in issues)
        {
            AddIssue(outcome, issue, prefix);
        }

        if (outcome.ChildCount == 0)
        {
            // OperationOutcome.issue is 1..*: nothing to report is said as R4's "All OK" example says it.
            var ok = outcome.AddNew("issue");
            ok.AddNew("severity").Value = "information";
            ok.AddNew("code").Value = "informational";
            ok.AddNew("diagnostics").Value = prefix + "No issues were found.";
        }

        return outcome;
    }

    private static void AddIssue(ElementNode outcome, ParseIssue issue, string prefix)
    {
        var node = outcome.AddNew("issue");
        node.AddNew("severity").Value = issue.Severity switch
        {
            IssueSeverity.Fatal => "fatal",
            IssueSeverity.Error => "error",
            IssueSeverity.Warning => "warning",
            _ => "information",
        };
        node.AddNew("code").Value = issue.IssueType;

        var coding = node.AddNew("details").AddNew("coding");
        coding.AddNew("system").Value = issue.CodeSystem;
        coding.AddNew("code").Value = issue.Code;

        var diagnostics = prefix + issue.Message + Position(issue);
        if (diagnostics.Length > 0)
        {
            node.AddNew("diagnostics").Value = diagnostics;
        }

        if (issue.Location.Length > 0)
        {
            node.AddNew("expression").Value = issue.Location;
        }
    }

    private static string Position(ParseIssue issue) => (issue.Line, issue.Column) switch
    {
        ({ } line, { } column) => string.Create(CultureInfo.InvariantCulture, $" (line {line}, column {column})"),
        ({ } line, null) => string.Create(CultureInfo.InvariantCulture, $" (line {line})"),
        _ => string.Empty,
    };
}
