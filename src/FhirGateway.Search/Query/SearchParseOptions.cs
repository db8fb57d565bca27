namespace FhirGateway.Search.Query;

/// <summary>How one request is parsed.</summary>
public sealed record SearchParseOptions
{
    /// <summary>
    /// <c>Prefer: handling=strict</c> (https://hl7.org/fhir/R4/search.html#errors): unknown and unsupported parameters are
    /// errors (400) instead of being ignored and reported.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>The absolute base URLs of this server: reference values on them are local references.</summary>
    public IReadOnlyList<string> LocalBaseUrls { get; init; } = [];

    /// <summary>The largest <c>_count</c>; larger values are capped with an information issue.</summary>
    public int MaxCount { get; init; } = Storage.Search.StoreSearchQuery.MaxCount;

    /// <summary>The clock behind <c>ap</c> on dates.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
