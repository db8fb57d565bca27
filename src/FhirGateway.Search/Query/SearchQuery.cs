using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

/// <summary>
/// A parsed search request (https://hl7.org/fhir/R4/search.html): the criteria as the store runs them, the result
/// parameters, the parameters that were used (for the self link) and every issue found. Built by
/// <see cref="SearchQueryParser"/>.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The resource type searched, or null for a system search.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The resource types searched: the type, <c>_type</c>'s list, or null for every type.</summary>
    public IReadOnlyList<string>? ResourceTypes { get; init; }

    /// <summary>Criteria that must all hold.</summary>
    public IReadOnlyList<SearchCriterion> Criteria { get; init; } = [];

    /// <summary><c>_sort</c>.</summary>
    public IReadOnlyList<SearchSortKey> Sort { get; init; } = [];

    /// <summary><c>_count</c> (after capping), or null when not given.</summary>
    public int? Count { get; init; }

    /// <summary><c>_cursor</c>: where the page starts.</summary>
    public SearchCursor? Cursor { get; init; }

    /// <summary><c>_summary</c>.</summary>
    public SummaryMode Summary { get; init; }

    /// <summary><c>_elements</c>: the top-level elements to return, or null for all.</summary>
    public IReadOnlyList<string>? Elements { get; init; }

    /// <summary><c>_total</c>.</summary>
    public TotalMode Total { get; init; }

    /// <summary><c>_include</c> and <c>_revinclude</c>.</summary>
    public IReadOnlyList<IncludeSpec> Includes { get; init; } = [];

    /// <summary>
    /// The parameters the search used, as name and value in request order without <c>_cursor</c> and <c>_count</c>:
    /// the self and paging links repeat them (https://hl7.org/fhir/R4/search.html#conformance: the self link shows
    /// what was actually used, so ignored parameters are left out).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Used { get; init; } = [];

    /// <summary>Every issue found, in request order.</summary>
    public IReadOnlyList<SearchIssue> Issues { get; init; } = [];

    /// <summary>Whether an issue stops the search (the response is 400).</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == SearchIssueSeverity.Error);
}
