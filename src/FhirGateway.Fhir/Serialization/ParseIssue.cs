namespace FhirGateway.Fhir.Serialization;

/// <summary>One problem a reader found, ready to become an OperationOutcome issue.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">A stable code from <see cref="ParseIssueCodes"/>, for programs to act on.</param>
/// <param name="Location">Where, in FHIRPath form (<c>Patient.name[0].given[1]</c>); for syntax errors, the path reached.</param>
/// <param name="Message">A plain-English explanation a developer can act on.</param>
public sealed record ParseIssue(IssueSeverity Severity, string Code, string Location, string Message)
{
    private readonly string? _issueType;

    /// <summary>The line in the input, where known (1-based).</summary>
    public long? Line { get; init; }

    /// <summary>The position in the line, where known (1-based).</summary>
    public long? Column { get; init; }

    /// <summary>
    /// The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html): the one <see cref="ParseIssueCodes"/>
    /// gives <see cref="Code"/>, unless an issue from another source (validation) states its own.
    /// </summary>
    public string IssueType
    {
        get => _issueType ?? ParseIssueCodes.IssueTypeOf(Code);
        init => _issueType = value;
    }

    /// <summary>The code system <see cref="Code"/> belongs to: <see cref="ParseIssueCodes.CodeSystem"/> unless the issue comes from elsewhere.</summary>
    public string CodeSystem { get; init; } = ParseIssueCodes.CodeSystem;

    /// <summary>Whether the issue makes the input invalid.</summary>
    public bool IsError => Severity is IssueSeverity.Fatal or IssueSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} at {Location}: {Message}";
}
