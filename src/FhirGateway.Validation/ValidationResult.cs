using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation;

/// <summary>What validation found: every issue, in the order found.</summary>
public sealed class ValidationResult
{
    internal ValidationResult(IReadOnlyList<ValidationIssue> issues)
    {
        Issues = issues;
        foreach (var issue in issues)
        {
            if (issue.IsError)
            {
                ErrorCount++;
            }
        }
    }

    /// <summary>Every issue found.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>How many issues are errors (or fatal).</summary>
    public int ErrorCount { get; }

    /// <summary>Whether no issue is an error: warnings and information leave a resource valid.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>A result for a list of issues (for example a reader's issues followed by validation's).</summary>
    public static ValidationResult From(IEnumerable<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return new ValidationResult([.. issues]);
    }

    /// <summary>
    /// The issues as an R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html): one issue per problem
    /// with severity, issue type as <c>code</c>, the stable code in <c>details.coding</c>, the message in
    /// <c>diagnostics</c> and the FHIRPath location in <c>expression</c>. With no issues, a single information issue
    /// says so (OperationOutcome.issue is 1..*).
    /// </summary>
    public ElementNode ToOperationOutcome()
    {
        var outcome = new ElementNode(FhirModel.R4.GetType("OperationOutcome"));
        foreach (var issue in Issues)
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
            if (issue.Message.Length > 0)
            {
                node.AddNew("diagnostics").Value = issue.Message;
            }

            if (issue.Location.Length > 0)
            {
                node.AddNew("expression").Value = issue.Location;
            }
        }

        if (outcome.ChildCount == 0)
        {
            var ok = outcome.AddNew("issue");
            ok.AddNew("severity").Value = "information";
            ok.AddNew("code").Value = "informational";
            ok.AddNew("diagnostics").Value = "No issues were found.";
        }

        return outcome;
    }
}
