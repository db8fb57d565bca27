using System.Data.Common;
using FhirGateway.Storage.History;
using FhirGateway.Storage.Relational.Search;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// A unit of work on one connection and one database transaction (https://hl7.org/fhir/R4/http.html#trules). On
/// SQLite it holds the write lock from the start; on PostgreSQL it locks the rows it writes.
/// </summary>
internal sealed class RelationalTransaction(RelationalResourceStore store, DbConnection connection, DbTransaction transaction) : IResourceTransaction
{
    private readonly DbSession _db = new(connection, transaction, store.Provider);
    private WriteSession? _session;

    private WriteSession Session => _session ??= store.Session(_db);
    private bool _finished;

    public Task<ReadResult> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(ReadResult.NotFound);
        }

        return RunAsync("read", resourceType, () => Session.ReadAsync(resourceType, id, cancellationToken), r => r.Status.ToString());
    }

    public Task<ReadResult> VReadAsync(string resourceType, string id, long versionId, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(ReadResult.NotFound);
        }

        return RunAsync("vread", resourceType, () => Session.VReadAsync(resourceType, id, versionId, cancellationToken), r => r.Status.ToString());
    }

    public Task<WriteResult> CreateAsync(ResourceWrite write, CancellationToken cancellationToken = default)
    {
        var input = WriteInput.From(write);
        return RunAsync("create", input.ResourceType, () => Session.CreateAsync(input, cancellationToken), r => r.Status.ToString());
    }

    public Task<WriteResult> ConditionalCreateAsync(ResourceWrite write, ConditionalClaim? claim = null, CancellationToken cancellationToken = default)
    {
        var (input, checkedClaim) = WriteInput.ForConditionalCreate(write, claim);
        return RunAsync("conditional-create", input.ResourceType, () => Session.ConditionalCreateAsync(input, checkedClaim, cancellationToken), r => r.Status.ToString());
    }

    public Task<WriteResult> UpdateAsync(string id, ResourceWrite write, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckId(id);
        var input = WriteInput.From(write);
        return RunAsync("update", input.ResourceType, () => Session.UpdateAsync(id, input, options ?? new UpdateOptions(), cancellationToken), r => r.Status.ToString());
    }

    public Task<WriteResult> DeleteAsync(string resourceType, string id, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        WriteInput.CheckType(resourceType);
        WriteInput.CheckTopics(options?.OutboxTopics ?? []);
        if (!WriteInput.IsValidId(id))
        {
            return Task.FromResult(new WriteResult(options?.ExpectedVersion is null ? WriteStatus.NotFound : WriteStatus.VersionConflict, null));
        }

        return RunAsync("delete", resourceType, () => Session.DeleteAsync(resourceType, id, options ?? new DeleteOptions(), cancellationToken), r => r.Status.ToString());
    }

    public Task<IReadOnlyList<IdentityKeyHolder>> FindIdentityKeyHoldersAsync(IReadOnlyList<string> identityKeys, CancellationToken cancellationToken = default)
    {
        var keys = WriteInput.CheckLookupKeys(identityKeys);
        return RunAsync("identity-keys", null, () => Session.FindIdentityKeyHoldersAsync(keys, cancellationToken), h => h.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<SearchPage> SearchAsync(StoreSearchQuery query, CancellationToken cancellationToken = default)
    {
        RelationalResourceSearch.Check(query);
        var type = query.ResourceTypes is [var single] ? single : null;
        return RunAsync("search", type, () => RelationalResourceSearch.ReadAsync(_db, query, cancellationToken), _ => "ok");
    }

    public Task<HistoryPage> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        RelationalResourceStore.CheckHistory(query)
            ? RunAsync("history", query.ResourceType, () => HistoryReader.ReadAsync(_db, query, cancellationToken), _ => "ok")
            : Task.FromResult(new HistoryPage([], null));

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        _finished = true;
        try
        {
            await store.TraceAsync("commit", null, async () =>
            {
                await _db.CommitAsync(cancellationToken);
                return true;
            }, _ => "ok");
            await store.Provider.AfterCommitAsync(connection);
        }
        catch (Exception e) when (store.Provider.IsTransient(e))
        {
            throw Transient(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_finished)
            {
                _finished = true;
                await transaction.RollbackAsync();
            }
        }
        catch (DbException)
        {
            // The connection failed or the transaction is already aborted: the database rolls it back either way.
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<T> RunAsync<T>(string operation, string? resourceType, Func<Task<T>> work, Func<T, string> outcome)
    {
        ThrowIfFinished();
        try
        {
            return await store.TraceAsync(operation, resourceType, work, outcome);
        }
        catch (Exception e) when (store.Provider.IsTransient(e))
        {
            // The database aborted the whole transaction (a deadlock victim cannot carry on): say so in the contract's terms.
            throw Transient(e);
        }
    }

    private TransientStorageException Transient(Exception e) =>
        new($"The {store.Provider.SystemName} database aborted the unit of work because of a concurrent one; nothing was committed.", e);

    private void ThrowIfFinished() => ObjectDisposedException.ThrowIf(_finished, this);
}
