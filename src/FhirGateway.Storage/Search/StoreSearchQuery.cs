namespace FhirGateway.Storage.Search;

/// <summary>
/// A search as the store runs it: the resource types searched, criteria that must all hold, the order, the page and
/// what to include. Every criterion names index rows by parameter code and kind, as the search layer wrote them.
/// </summary>
public sealed record StoreSearchQuery
{
    /// <summary>The largest page the store returns.</summary>
    public const int MaxCount = 1000;

    /// <summary>The resource types searched: one for a type search, several for <c>_type</c>, null for every type (a system search).</summary>
    public required IReadOnlyList<string>? ResourceTypes { get; init; }

    /// <summary>Criteria that must all hold (https://hl7.org/fhir/R4/search.html#combining).</summary>
    public IReadOnlyList<SearchCriterion> Criteria { get; init; } = [];

    /// <summary>The order; the store always adds the resource's own key last, so the order is total and stable.</summary>
    public IReadOnlyList<SearchSortKey> Sort { get; init; } = [];

    /// <summary>The page size, 0 to <see cref="MaxCount"/>; 0 returns no matches (for a count only).</summary>
    public int Count { get; init; } = 50;

    /// <summary>Where the page starts: a cursor of a previous page of the same query.</summary>
    public SearchCursor? Cursor { get; init; }

    /// <summary>Whether to count every match (<c>_total=accurate</c>).</summary>
    public bool CountTotal { get; init; }

    /// <summary><c>_include</c> and <c>_revinclude</c> (https://hl7.org/fhir/R4/search.html#include).</summary>
    public IReadOnlyList<IncludeSpec> Includes { get; init; } = [];

    /// <summary>The most resources includes may add to one page; past it, the page says it left some out.</summary>
    public int MaxIncludes { get; init; } = 1000;

    /// <summary>
    /// The resource types included resources may have, or null for any: a caller allowed to read only some types
    /// must never receive others through <c>_include</c> or <c>_revinclude</c>.
    /// </summary>
    public IReadOnlySet<string>? IncludableTypes { get; init; }

    /// <summary>
    /// Criteria included resources of some types must meet as well (for a caller allowed to read only part of a type,
    /// such as one patient's compartment); included resources of types not listed need meet none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SearchCriterion>>? IncludeCriteria { get; init; }
}
