namespace FhirGateway.Storage.Indexing;

/// <summary>
/// What the reindexer needs from the store (docs/search.md#reindexing): the current resources whose index rows were
/// extracted with other search parameter definitions than the running gateway's, and a way to replace their rows
/// that never overwrites a newer write. Several gateway instances may reindex one database at once: each replacement
/// is a compare-and-set on the resource's version and fingerprint, so the rows stay those of the current version.
/// </summary>
public interface IReindexStore
{
    /// <summary>
    /// Up to <paramref name="max"/> current (not deleted) resources whose fingerprint is not <paramref name="fingerprint"/>
    /// (or is unknown), in store order after <paramref name="afterKey"/> (0 to start): keyset paging.
    /// </summary>
    Task<IReadOnlyList<StaleResource>> FindStaleAsync(
        string fingerprint, string? resourceType, long afterKey, int max, CancellationToken cancellationToken = default);

    /// <summary>How many current resources have a fingerprint other than <paramref name="fingerprint"/>.</summary>
    Task<long> CountStaleAsync(string fingerprint, string? resourceType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the index rows of each resource, in one short transaction, when it is still at the version read and
    /// still stale; returns how many were replaced (the others were written, deleted or reindexed meanwhile).
    /// </summary>
    Task<int> ReplaceIndexAsync(IReadOnlyList<ReindexedResource> resources, string fingerprint, CancellationToken cancellationToken = default);
}

/// <summary>A current resource to reindex: its store key (the paging position) and current version.</summary>
public sealed record StaleResource(long Key, ResourceVersion Version);

/// <summary>The rows a stale resource's current version has under the running definitions.</summary>
public sealed record ReindexedResource(StaleResource Resource, IReadOnlyList<IndexRow> Rows);
