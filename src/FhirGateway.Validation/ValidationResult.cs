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
    public ElementNode ToOperationOutcome() => OperationOutcomeFactory.FromIssues(Issues.Select(ToParseIssue));

    // One issue layout for every OperationOutcome the gateway writes: the factory's, with validation's issue type and
    // code system kept.
    private static ParseIssue ToParseIssue(ValidationIssue issue) =>
        new(issue.Severity, issue.Code, issue.Location, issue.Message) { IssueType = issue.IssueType, CodeSystem = issue.CodeSystem };
}
