namespace FhirGateway.Search.Query;

/// <summary><c>_total</c> (https://hl7.org/fhir/R4/search.html#total).</summary>
public enum TotalMode
{
    /// <summary>Not asked for: the total is given when it is known without counting.</summary>
    Default,

    /// <summary><c>none</c>: no total.</summary>
    None,

    /// <summary><c>estimate</c>: counted as <c>accurate</c> (the store has no cheaper estimate).</summary>
    Estimate,

    /// <summary><c>accurate</c>: every match counted.</summary>
    Accurate,
}
