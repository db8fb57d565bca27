namespace FhirGateway.Storage.Search;

/// <summary>One page of a search.</summary>
/// <param name="Matches">The matching resources of the page, in the query's order.</param>
/// <param name="Included">Resources that <c>_include</c> and <c>_revinclude</c> added (none of them a match of the page).</param>
/// <param name="Total">The number of matches when it was asked for or is known (a first page holding all of them).</param>
/// <param name="Next">Where the next page starts, or null when there is none.</param>
/// <param name="Previous">Where the previous page ends, or null when there is none.</param>
public sealed record SearchPage(
    IReadOnlyList<ResourceVersion> Matches, IReadOnlyList<ResourceVersion> Included, long? Total, SearchCursor? Next, SearchCursor? Previous)
{
    /// <summary>Whether includes found more resources than <see cref="StoreSearchQuery.MaxIncludes"/> and some were left out.</summary>
    public bool IncludesTruncated { get; init; }
}
