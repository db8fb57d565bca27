namespace FhirGateway.Storage.Search;

/// <summary>
/// Finds current resources by their search-index rows (https://hl7.org/fhir/R4/search.html). The search layer turns
/// FHIR search parameters into a <see cref="StoreSearchQuery"/> of criteria on index rows; the store runs it in one
/// consistent read and returns one page of matches, the resources they include, and keyset cursors that keep later
/// pages stable while data changes.
/// </summary>
public interface IResourceSearch
{
    /// <summary>Runs a query and returns one page.</summary>
    /// <exception cref="ArgumentException">The query is malformed (a caller bug, not a client error).</exception>
    Task<SearchPage> SearchAsync(StoreSearchQuery query, CancellationToken cancellationToken = default);
}
