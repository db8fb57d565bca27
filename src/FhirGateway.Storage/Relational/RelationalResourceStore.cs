using System.Data.Common;
using System.Diagnostics;
using FhirGateway.Storage.Diagnostics;
using FhirGateway.Storage.History;
using FhirGateway.Storage.Outbox;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// The store over a relational provider. Each call outside a unit of work is its own transaction, committed only
/// when the write succeeded, and retried from the start on a transient database failure (deadlock, serialization
/// failure, busy). The schema is migrated once, at start-up or before the first call.
/// </summary>
internal sealed class RelationalResourceStore(RelationalProvider provider, TimeProvider clock, ILogger<RelationalResourceStore> logger)
    : IResourceStore, IOutbox
{
    private const int MaxTransientAttempts = 4;

    private readonly SemaphoreSlim _initializing = new(1, 1);
    private readonly GroupCommit? _groupCommit = provider.GroupsCommits ? new GroupCommit(provider, clock, logger) : null;
    private volatile bool _initialized;

    internal RelationalProvider Provider => provider;

    /// <summary>Applies pending schema migrations (once per store).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                try
                {
                    await MigrationRunner.RunAsync(provider, clock, logger, cancellationToken);
                }
                catch (Exception e) when (provider.IsUnavailable(e))
                {
                    throw provider.Unavailable(e);
                }

                _initialized = true;
            }
        }
        finally
        {
            _initializing.Release();
        }
    }

    public Task<ReadResult> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(ReadResult.NotFound);
        }

        return RunAsync("read", resourceType, false, db => Session(db).ReadAsync(resourceType, id, cancellationToken), r => r.Status.ToString(), cancellationToken);
    }

    public Task<ReadResult> VReadAsync(string resourceType, string id, long versionId, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(ReadResult.NotFound);
        }

        return RunAsync("vread", resourceType, false, db => Session(db).VReadAsync(resourceType, id, versionId, cancellationToken), r => r.Status.ToString(), cancellationToken);
    }

    public Task<WriteResult> CreateAsync(ResourceWrite write, CancellationToken cancellationToken = default)
    {
        var input = WriteInput.From(write);
        return WriteAsync("create", input.ResourceType, s => s.CreateAsync(input, cancellationToken), cancellationToken);
    }

    public Task<WriteResult> ConditionalCreateAsync(ResourceWrite write, ConditionalClaim? claim = null, CancellationToken cancellationToken = default)
    {
        var (input, checkedClaim) = WriteInput.ForConditionalCreate(write, claim);
        return WriteAsync("conditional-create", input.ResourceType, s => s.ConditionalCreateAsync(input, checkedClaim, cancellationToken), cancellationToken);
    }

    public Task<WriteResult> UpdateAsync(string id, ResourceWrite write, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckId(id);
        var input = WriteInput.From(write);
        return WriteAsync("update", input.ResourceType, s => s.UpdateAsync(id, input, options ?? new UpdateOptions(), cancellationToken), cancellationToken);
    }

    public Task<WriteResult> DeleteAsync(string resourceType, string id, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        WriteInput.CheckTopics(options?.OutboxTopics ?? []);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(new WriteResult(options?.ExpectedVersion is null ? WriteStatus.NotFound : WriteStatus.VersionConflict, null));
        }

        return WriteAsync("delete", resourceType, s => s.DeleteAsync(resourceType, id, options ?? new DeleteOptions(), cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<IdentityKeyHolder>> FindIdentityKeyHoldersAsync(IReadOnlyList<string> identityKeys, CancellationToken cancellationToken = default)
    {
        var keys = WriteInput.CheckLookupKeys(identityKeys);
        return RunAsync("identity-keys", null, false, db => Session(db).FindIdentityKeyHoldersAsync(keys, cancellationToken), h => h.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    public Task<HistoryPage> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        CheckHistory(query)
            ? RunAsync("history", query.ResourceType, false, db => HistoryReader.ReadAsync(db, query, cancellationToken), _ => "ok", cancellationToken)
            : Task.FromResult(new HistoryPage([], null));

    /// <summary>Checks a history query; false when it can match nothing (an id that is not a FHIR id).</summary>
    internal static bool CheckHistory(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Count, 1, nameof(query));
        if (query.ResourceType is not null)
        {
            WriteInput.CheckType(query.ResourceType);
        }

        if (query.Id is not null)
        {
            if (query.ResourceType is null)
            {
                throw new ArgumentException("Instance history needs the resource type.", nameof(query));
            }

            return WriteInput.IsValidId(query.Id);
        }

        return true;
    }

    public async Task<IResourceTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        DbConnection connection;
        try
        {
            connection = await provider.OpenForWriteAsync(cancellationToken);
        }
        catch (Exception e) when (provider.IsUnavailable(e))
        {
            throw provider.Unavailable(e);
        }

        try
        {
            var transaction = await provider.BeginWriteAsync(connection, cancellationToken);
            return new RelationalTransaction(this, connection, transaction);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            if (provider.IsTransient(e))
            {
                throw new TransientStorageException($"The {provider.SystemName} database could not start the unit of work in time (another writer held it up).", e);
            }

            if (provider.IsUnavailable(e))
            {
                throw provider.Unavailable(e);
            }

            throw;
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> LeaseAsync(OutboxLeaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.MaxItems, 1000, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.LeaseDuration, TimeSpan.Zero, nameof(request));
        var items = await RunAsync(
            "outbox-lease", null, true, db => OutboxRows.LeaseAsync(db, request, clock.GetUtcNow(), Guid.NewGuid(), cancellationToken), _ => "ok", cancellationToken);
        if (items.Count > 0)
        {
            StorageTelemetry.Leased(provider.SystemName, items.Count);
            StorageLog.OutboxLeased(logger, request.Worker, items.Count);
        }

        return items;
    }

    public async Task<bool> CompleteAsync(OutboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var done = await RunAsync("outbox-complete", null, true, db => OutboxRows.CompleteAsync(db, item, cancellationToken), d => d ? "ok" : "lease-lost", cancellationToken);
        if (!done)
        {
            StorageLog.OutboxLeaseLost(logger, item.ItemId);
        }

        return done;
    }

    public async Task<bool> RetryLaterAsync(OutboxItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var availableAt = clock.GetUtcNow() + delay;
        var done = await RunAsync(
            "outbox-retry", null, true, db => OutboxRows.RetryLaterAsync(db, item, availableAt, cancellationToken), d => d ? "ok" : "lease-lost", cancellationToken);
        if (!done)
        {
            StorageLog.OutboxLeaseLost(logger, item.ItemId);
        }

        return done;
    }

    /// <summary>Creates the session of a unit of work on its connection.</summary>
    internal WriteSession Session(DbSession db) => new(db, clock, logger);

    /// <summary>Runs one operation of a unit of work with its span and metrics (no retries: the caller owns the transaction).</summary>
    internal async Task<T> TraceAsync<T>(string operation, string? resourceType, Func<Task<T>> work, Func<T, string> outcome)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = StorageTelemetry.Start(provider.SystemName, operation, resourceType);
        try
        {
            var result = await work();
            StorageTelemetry.Record(activity, provider.SystemName, operation, outcome(result), started);
            return result;
        }
        catch (Exception e) when (provider.IsUnavailable(e))
        {
            StorageTelemetry.Record(activity, provider.SystemName, operation, "unavailable", started);
            throw provider.Unavailable(e);
        }
        catch
        {
            StorageTelemetry.Record(activity, provider.SystemName, operation, "error", started);
            throw;
        }
    }

    private Task<WriteResult> WriteAsync(string operation, string resourceType, Func<WriteSession, Task<WriteResult>> work, CancellationToken cancellationToken) =>
        RunAsync(operation, resourceType, true, db => work(Session(db)), r => r.Status.ToString(), cancellationToken, r => r.Status is WriteStatus.Created or WriteStatus.Updated or WriteStatus.Deleted);

    /// <summary>
    /// Runs one operation in its own connection (and, for writes, its own transaction, committed when
    /// <paramref name="commit"/> says so and rolled back otherwise), retrying transient failures.
    /// </summary>
    private async Task<T> RunAsync<T>(
        string operation, string? resourceType, bool write, Func<DbSession, Task<T>> work, Func<T, string> outcome, CancellationToken cancellationToken, Func<T, bool>? commit = null)
    {
        await InitializeAsync(cancellationToken);
        if (write && _groupCommit is not null)
        {
            return await TraceAsync(operation, resourceType, () => _groupCommit.RunAsync(work, commit, cancellationToken), outcome);
        }

        return await TraceAsync(operation, resourceType, async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = write ? await provider.OpenForWriteAsync(cancellationToken) : await provider.OpenAsync(cancellationToken);
                    if (!write)
                    {
                        return await work(new DbSession(connection, null, provider));
                    }

                    await using var transaction = await provider.BeginWriteAsync(connection, cancellationToken);
                    var db = new DbSession(connection, transaction, provider);
                    var result = await work(db);
                    if (commit is null || commit(result))
                    {
                        await db.CommitAsync(cancellationToken);
                        await provider.AfterCommitAsync(connection);
                    }
                    else
                    {
                        await transaction.RollbackAsync(cancellationToken);
                    }

                    return result;
                }
                catch (Exception e) when (attempt < MaxTransientAttempts && !cancellationToken.IsCancellationRequested && provider.IsTransient(e))
                {
                    StorageLog.TransientRetry(logger, e, provider.SystemName, operation, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), clock, cancellationToken);
                }
            }
        }, outcome);
    }
}
