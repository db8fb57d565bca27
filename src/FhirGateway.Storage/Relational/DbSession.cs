using System.Data.Common;

namespace FhirGateway.Storage.Relational;

/// <summary>An open connection, its transaction (if any) and the provider: what every statement needs.</summary>
internal sealed class DbSession(DbConnection connection, DbTransaction? transaction, RelationalProvider provider)
{
    public RelationalProvider Provider => provider;

    /// <summary>The connection, for a provider's own bulk paths (SQLite's prepared index insert, PostgreSQL's COPY).</summary>
    public DbConnection Connection => connection;

    /// <summary>The session's transaction (null outside one).</summary>
    public DbTransaction? Transaction => transaction;

    /// <summary>Creates a command in the session's transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = provider.CreateCommand(connection, sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// Set when a <see cref="WriteBatch"/> was disposed still holding statements: the write's changes are incomplete,
    /// so <see cref="CommitAsync"/> refuses rather than commit part of a resource (a write that fails before its last
    /// step throws, and never reaches the commit).
    /// </summary>
    public bool DroppedWrites { get; private set; }

    /// <summary>Marks the session: a batch of its statements was dropped unrun.</summary>
    public void MarkWritesDropped() => DroppedWrites = true;

    /// <summary>Clears the mark once a savepoint has taken back the write that dropped them (group commit).</summary>
    public void ClearWritesDropped() => DroppedWrites = false;

    /// <summary>Refuses to go on with a write whose batched statements were dropped unrun.</summary>
    public void ThrowIfWritesDropped()
    {
        if (DroppedWrites)
        {
            throw new InvalidOperationException("A write batch was disposed without running its statements; the write is not committed.");
        }
    }

    /// <summary>Commits the session's transaction, unless a batch of its statements was dropped unrun.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfWritesDropped();
        await (transaction ?? throw new InvalidOperationException("The session has no transaction to commit.")).CommitAsync(cancellationToken);
    }

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
