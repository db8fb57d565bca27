using FhirGateway.Fhir.Model;

namespace FhirGateway.Storage.Indexing;

/// <summary>
/// Decides what the store keeps to find a resource version again: its search-index rows and its identity keys
/// (<see cref="ResourceWrite"/>). The REST layer calls the one registered indexer for every resource it writes. Until
/// search exists, the gateway's indexer makes identity keys only; the search component replaces it with one that
/// also extracts index rows with the official SearchParameter expressions.
/// </summary>
public interface IResourceIndexer
{
    /// <summary>The index rows and identity keys of <paramref name="resource"/> (a root resource node).</summary>
    ResourceIndex Index(ElementNode resource);

    /// <summary>
    /// A stable hash of everything that decides which rows <see cref="Index"/> makes (the search parameter definitions
    /// and the extraction code's version), stored with each resource (<see cref="ResourceWrite.IndexFingerprint"/>);
    /// null when the indexer makes no search rows, so nothing needs reindexing.
    /// </summary>
    string? Fingerprint => null;
}
