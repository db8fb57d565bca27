namespace FhirGateway.Search.Query;

/// <summary>How serious a search issue is.</summary>
public enum SearchIssueSeverity
{
    /// <summary>Something the client may want to know (a capped <c>_count</c>).</summary>
    Information,

    /// <summary>Part of the request was ignored (an unknown parameter, in lenient handling).</summary>
    Warning,

    /// <summary>The search cannot run as asked: the response is 400 with an OperationOutcome.</summary>
    Error,
}

/// <summary>
/// One problem with a search request, reported in the searchset's OperationOutcome entry or, for errors, as the 400
/// response (https://hl7.org/fhir/R4/search.html#errors).
/// </summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">A stable code from <see cref="SearchIssueCodes"/>.</param>
/// <param name="Parameter">The parameter concerned, as the client wrote it (name, or name=value).</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record SearchIssue(SearchIssueSeverity Severity, string Code, string Parameter, string Message)
{
    /// <summary>The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html).</summary>
    public string IssueType => SearchIssueCodes.IssueTypeOf(Code);

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} {Parameter}: {Message}";
}
