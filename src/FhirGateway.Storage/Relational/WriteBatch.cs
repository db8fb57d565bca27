using System.Data.Common;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// The statements of one write whose results the write does not need (its version, index rows, identity keys,
/// outbox items), sent together where the database gains by it (<see cref="RelationalProvider.BatchesWrites"/>):
/// PostgreSQL receives them in one round trip (one ADO.NET <see cref="DbBatch"/>), where each used to wait for the
/// one before. Elsewhere each runs as it is added. They run in the order added, in the write's transaction; a failure
/// of any fails the write as a failure of that statement did before. Reads the write makes come before
/// (<see cref="RunAsync"/> is its last step), so no read has to see a pending statement's change.
/// </summary>
internal sealed class WriteBatch(DbSession db) : IAsyncDisposable
{
    private readonly List<DbCommand> _pending = [];

    /// <summary>The session the statements run in.</summary>
    public DbSession Db => db;

    /// <summary>Adds a statement, which the batch now owns: held until <see cref="RunAsync"/>, or run now.</summary>
    public async ValueTask AddAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (db.Provider.BatchesWrites)
        {
            _pending.Add(command);
            return;
        }

        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Runs the statements held, in one batch.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            await db.Provider.RunBatchAsync(db, _pending, cancellationToken);
        }
        finally
        {
            // Run (or failed as a whole, which fails the write): nothing is dropped.
            foreach (var command in _pending)
            {
                await command.DisposeAsync();
            }

            _pending.Clear();
        }
    }

    /// <summary>
    /// Drops statements never run (the write failed before its last step). Dropping any marks the session, so its
    /// transaction cannot then be committed without them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending.Count > 0)
        {
            db.MarkWritesDropped();
        }

        foreach (var command in _pending)
        {
            await command.DisposeAsync();
        }

        _pending.Clear();
    }
}
