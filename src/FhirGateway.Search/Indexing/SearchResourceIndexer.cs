using FhirGateway.Fhir.Model;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// The <see cref="IResourceIndexer"/> the REST layer calls for every resource it writes: the search-index rows of every
/// search parameter, and the identity keys of the resource's business identifiers (<see cref="IdentityKeys"/>).
/// </summary>
public sealed class SearchResourceIndexer(SearchIndexer indexer) : IResourceIndexer
{
    /// <inheritdoc />
    public ResourceIndex Index(ElementNode resource) => new(indexer.Extract(resource), IdentityKeys.Of(resource));

    /// <inheritdoc />
    public string? Fingerprint => indexer.Fingerprint;
}
