using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Relational;

/// <summary>The reindexer's statements over the relational store, each call in its own short transaction.</summary>
internal sealed class RelationalReindexStore(RelationalResourceStore store) : IReindexStore
{
    private const int MaxTransientAttempts = 4;

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
            var claimed = await ReindexRows.ClaimAsync(db, resources, fingerprint, cancellationToken);
            if (claimed.Count == 0)
            {
                return 0;
            }

            await ReindexRows.RemoveIndexAsync(db, claimed, cancellationToken);
            await using var batch = new WriteBatch(db);
            foreach (var item in resources.Where(r => claimed.Contains(r.Resource.Key)))
            {
                await IndexRows.AddAsync(batch, item.Resource.Key, item.Resource.Version.ResourceType, item.Rows, cancellationToken);
            }

            await batch.RunAsync(cancellationToken);

            return claimed.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs one call in its own connection (and transaction, for writes), running it again after a deadlock or busy
    /// database: nothing committed, and the compare-and-set makes a second run safe.
    /// </summary>
    private async Task<T> RunAsync<T>(string operation, string? resourceType, bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var provider = store.Provider;
        return await store.TraceAsync(operation, resourceType, async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = write ? await provider.OpenForWriteAsync(cancellationToken) : await provider.OpenAsync(cancellationToken);
                    await using var transaction = write ? await provider.BeginWriteAsync(connection, cancellationToken) : null;
                    var db = new DbSession(connection, transaction, provider);
                    var result = await work(db);
                    if (transaction is not null)
                    {
                        await db.CommitAsync(cancellationToken);
                        await provider.AfterCommitAsync(connection);
                    }

                    return result;
                }
                catch (Exception e) when (provider.IsTransient(e))
                {
                    if (attempt >= MaxTransientAttempts || cancellationToken.IsCancellationRequested)
                    {
                        throw new TransientStorageException($"The {provider.SystemName} database stayed busy; the reindex batch did not commit.", e);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), cancellationToken);
                }
            }
        }, _ => "ok");
    }
}
