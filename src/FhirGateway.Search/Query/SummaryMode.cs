namespace FhirGateway.Search.Query;

/// <summary><c>_summary</c> (https://hl7.org/fhir/R4/search.html#summary).</summary>
public enum SummaryMode
{
    /// <summary>Not asked for, or <c>false</c>: whole resources.</summary>
    None,

    /// <summary><c>true</c>: the elements marked as summary.</summary>
    True,

    /// <summary><c>text</c>: the narrative, id, meta and mandatory top-level elements.</summary>
    Text,

    /// <summary><c>data</c>: everything but the narrative.</summary>
    Data,

    /// <summary><c>count</c>: the total only, no entries.</summary>
    Count,
}
