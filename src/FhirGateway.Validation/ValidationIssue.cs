using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation;

/// <summary>One problem validation found, ready to become an OperationOutcome issue.</summary>
/// <param name="Severity">How serious it is: errors make the resource invalid, warnings and information do not.</param>
/// <param name="Code">A stable code from <see cref="ValidationIssueCodes"/> (or <see cref="ParseIssueCodes"/> for a reader's issue).</param>
/// <param name="IssueType">The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html).</param>
/// <param name="Location">Where, in FHIRPath form with JSON names (<c>Patient.name[0].given[1]</c>, <c>Observation.valueQuantity</c>).</param>
/// <param name="Message">A plain-English explanation a developer can act on.</param>
public sealed record ValidationIssue(IssueSeverity Severity, string Code, string IssueType, string Location, string Message)
{
    /// <summary>Whether the issue makes the resource invalid.</summary>
    public bool IsError => Severity is IssueSeverity.Fatal or IssueSeverity.Error;

    /// <summary>The code system <see cref="Code"/> belongs to.</summary>
    public string CodeSystem { get; init; } = ValidationIssueCodes.CodeSystem;

    /// <summary>A reader's issue as a validation issue, keeping its code, location and message.</summary>
    public static ValidationIssue FromParseIssue(ParseIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var message = issue.Line is { } line
            ? issue.Column is { } column ? $"{issue.Message} (line {line}, column {column})" : $"{issue.Message} (line {line})"
            : issue.Message;
        return new ValidationIssue(issue.Severity, issue.Code, issue.IssueType, issue.Location, message)
        {
            CodeSystem = issue.CodeSystem,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} at {Location}: {Message}";
}
