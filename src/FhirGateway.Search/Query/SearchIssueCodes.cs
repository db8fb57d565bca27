namespace FhirGateway.Search.Query;

/// <summary>The stable codes of search issues; each maps to an OperationOutcome issue type. Codes never change meaning once published.</summary>
public static class SearchIssueCodes
{
    /// <summary>The code system of these codes, as OperationOutcome.issue.details carries them.</summary>
    public const string CodeSystem = "https://fhirgateway.dev/CodeSystem/search-issue";

    /// <summary>A parameter the resource type does not have.</summary>
    public const string UnknownParameter = "unknown-parameter";

    /// <summary>A parameter the gateway knows but does not support (<c>_text</c>, <c>_filter</c>, a special parameter).</summary>
    public const string UnsupportedParameter = "unsupported-parameter";

    /// <summary>A modifier the parameter's type does not have, or that the gateway does not support (<c>:in</c>, <c>:above</c> on tokens).</summary>
    public const string UnsupportedModifier = "unsupported-modifier";

    /// <summary>A value that does not parse for the parameter's type (a date that is not a date).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>A <c>_cursor</c> this server did not produce for this search.</summary>
    public const string InvalidCursor = "invalid-cursor";

    /// <summary>A resource type that does not exist (in <c>_type</c>, a chain or an include).</summary>
    public const string UnknownType = "unknown-type";

    /// <summary><c>_count</c> above the largest page: the page is the largest.</summary>
    public const string CountCapped = "count-capped";

    /// <summary>A request too large to run: too many parameters, values or chained links.</summary>
    public const string TooCostly = "too-costly";

    /// <summary>Includes found more resources than one page may carry; some were left out.</summary>
    public const string IncludesTruncated = "includes-truncated";

    /// <summary>The OperationOutcome issue type of a code (https://hl7.org/fhir/R4/valueset-issue-type.html).</summary>
    public static string IssueTypeOf(string code) => code switch
    {
        UnknownParameter or UnsupportedParameter or UnsupportedModifier => "not-supported",
        InvalidValue or InvalidCursor or UnknownType => "invalid",
        CountCapped or IncludesTruncated => "informational",
        TooCostly => "too-costly",
        _ => "processing",
    };
}
