using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Relational;

/// <summary>The reindexer's statements over the relational store, each call in its own short transaction.</summary>
internal sealed class RelationalReindexStore(RelationalResourceStore store) : IReindexStore
{
    public async Task<IReadOnlyList<StaleResource>> FindStaleAsync(
        string fingerprint, string? resourceType, long afterKey, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (resourceType is not null)
        {
            WriteInput.CheckType(resourceType);
        }

        return await RunAsync("reindex-find", resourceType, false, db => ReindexRows.FindAsync(db, fingerprint, resourceType, afterKey, max, cancellationToken), cancellationToken);
    }

    public async Task<long> CountStaleAsync(string fingerprint, string? resourceType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        if (resourceType is not null)
        {
            WriteInput.CheckType(resourceType);
        }

        return await RunAsync("reindex-count", resourceType, false, db => ReindexRows.CountAsync(db, fingerprint, resourceType, cancellationToken), cancellationToken);
    }

    public async Task<int> ReplaceIndexAsync(IReadOnlyList<ReindexedResource> resources, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        if (resources.Count == 0)
        {
            return 0;
        }

        return await RunAsync("reindex-replace", null, true, async db =>
        {
            var replaced = 0;
            foreach (var item in resources)
            {
                var version = item.Resource.Version;
                if (!await ReindexRows.ClaimAsync(db, item.Resource.Key, version.VersionId, fingerprint, cancellationToken))
                {
                    continue;
                }

                await IndexRows.RemoveAllAsync(db, item.Resource.Key, cancellationToken);
                await IndexRows.AddAsync(db, item.Resource.Key, version.ResourceType, item.Rows, cancellationToken);
                replaced++;
            }

            return replaced;
        }, cancellationToken);
    }

    private async Task<T> RunAsync<T>(string operation, string? resourceType, bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var provider = store.Provider;
        return await store.TraceAsync(operation, resourceType, async () =>
        {
            try
            {
                await using var connection = await provider.OpenAsync(cancellationToken);
                await using var transaction = write ? await provider.BeginWriteAsync(connection, cancellationToken) : null;
                var result = await work(new DbSession(connection, transaction, provider));
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return result;
            }
            catch (Exception e) when (provider.IsTransient(e))
            {
                // Nothing committed: the reindexer runs the batch again later.
                throw new TransientStorageException($"The {provider.SystemName} database was busy; the reindex batch did not commit.", e);
            }
        }, _ => "ok");
    }
}
