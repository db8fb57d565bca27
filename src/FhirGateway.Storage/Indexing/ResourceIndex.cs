namespace FhirGateway.Storage.Indexing;

/// <summary>What <see cref="IResourceIndexer"/> extracted from one resource version.</summary>
/// <param name="Rows">The search-index rows.</param>
/// <param name="IdentityKeys">The identity keys (at most one current resource holds each), each starting with the resource type.</param>
public sealed record ResourceIndex(IReadOnlyList<IndexRow> Rows, IReadOnlyList<string> IdentityKeys)
{
    /// <summary>Nothing to index.</summary>
    public static ResourceIndex Empty { get; } = new([], []);
}
