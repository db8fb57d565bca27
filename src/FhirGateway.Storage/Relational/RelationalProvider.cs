using System.Data.Common;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// What a database brings to the relational engine: connections, write transactions, its migrations and the few
/// places where its SQL or types differ. Everything else (the write rules, identity keys, index rows, outbox,
/// history) is shared, so both databases pass one contract test suite by construction.
/// </summary>
internal abstract class RelationalProvider : IAsyncDisposable
{
    /// <summary>The OpenTelemetry <c>db.system.name</c>: <c>sqlite</c>, <c>postgresql</c>.</summary>
    public abstract string SystemName { get; }

    /// <summary>The versioned schema migrations, in order.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Appended to the SELECT that reads a resource row before changing it (row lock where the database has them).</summary>
    public virtual string LockRowSuffix => string.Empty;

    /// <summary>
    /// The statement that leases outbox items. Parameters: <c>@now</c>, <c>@topic</c>, <c>@max</c>, <c>@owner</c>,
    /// <c>@token</c>, <c>@expires</c>; it returns the outbox columns listed in <see cref="OutboxRows.LeasedColumns"/>.
    /// </summary>
    public abstract string LeaseSql { get; }

    /// <summary>Opens a connection ready for use.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A command for <paramref name="sql"/> on <paramref name="connection"/> (a provider may hand out one it prepared before).</summary>
    public virtual DbCommand CreateCommand(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs on a connection after it committed a write transaction, outside any transaction (SQLite: keeps the WAL from growing).</summary>
    public virtual Task AfterCommitAsync(DbConnection connection) => Task.CompletedTask;

    /// <summary>
    /// Opens the connection a write transaction will run on (<see cref="BeginWriteAsync"/> follows on it). SQLite
    /// hands its writers one connection in turn, so that pages it wrote stay in that connection's cache.
    /// </summary>
    public virtual ValueTask<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Begins a transaction that will write (SQLite takes the write lock at once).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a read-only transaction in which several statements see one snapshot (a search page, its includes and
    /// its total).
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Whether single writes are committed in groups (GroupCommit): for a database with one writer at a time, where
    /// every commit waits for its own disk flush otherwise.
    /// </summary>
    public virtual bool GroupsCommits => false;

    /// <summary>
    /// Whether a search's per-candidate check of exact token or reference values names the row's resource type, so
    /// that the per-kind index answers it (SearchSql.AppendRowsOfResource). SQLite, which plans without statistics, needs
    /// the term to use that index; PostgreSQL plans the check well without it and badly with it (its searches slowed
    /// tenfold, docs/benchmarks.md, issue 4).
    /// </summary>
    public virtual bool NamesTypeInExactChecks => false;

    /// <summary>
    /// Whether the far end of a link inside a chain or <c>_has</c>, a common table expression, is computed once before
    /// the statement reads it (<c>AS MATERIALIZED</c>) instead of being planned as the subquery it stands for
    /// (SearchSql.AppendFarEnd). PostgreSQL, planning a table without statistics (new, or loaded since its last
    /// ANALYZE) as one row per condition, chose nested loops that ran every inner link again for each row of the outer
    /// ones; SQLite runs a subquery in <c>IN (...)</c> once anyway.
    /// </summary>
    public virtual bool MaterializesLinks => false;

    /// <summary>
    /// Whether a write's statements without results are held and sent as one batch (<see cref="WriteBatch"/>): for a
    /// database across a network connection, where each statement otherwise waits a round trip. SQLite runs in the
    /// process, so its statements run as they come.
    /// </summary>
    public virtual bool BatchesWrites => false;

    /// <summary>
    /// Runs <paramref name="commands"/> in order in one ADO.NET batch in the session's transaction, moving each one's
    /// text and parameters into it (https://learn.microsoft.com/dotnet/api/system.data.common.dbbatch); the store's
    /// statements are all text with the default timeout, so nothing else is carried over.
    /// </summary>
    public virtual async Task RunBatchAsync(DbSession db, IReadOnlyList<DbCommand> commands, CancellationToken cancellationToken)
    {
        await using var batch = db.Connection.CreateBatch();
        batch.Transaction = db.Transaction;
        foreach (var command in commands)
        {
            var item = batch.CreateBatchCommand();
            item.CommandText = command.CommandText;
            var parameters = new DbParameter[command.Parameters.Count];
            command.Parameters.CopyTo(parameters, 0);
            command.Parameters.Clear();
            item.Parameters.AddRange(parameters);
            batch.BatchCommands.Add(item);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts a resource's index rows in the session's transaction, each database its cheapest way (SQLite: one
    /// statement prepared per connection and bound by position, run now; PostgreSQL: one INSERT of column arrays,
    /// added to the batch).
    /// </summary>
    public abstract ValueTask InsertIndexRowsAsync(WriteBatch batch, long resourceKey, string resourceType, IReadOnlyList<Indexing.IndexRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The column that names one <c>search_index</c> row (the table has no key of its own): SQLite's <c>rowid</c>,
    /// PostgreSQL's <c>ctid</c>. Valid while the resource's row lock is held (no other writer touches its rows).
    /// </summary>
    public virtual string IndexRowKey => "rowid";

    /// <summary>
    /// Deletes a resource's index rows by the <see cref="IndexRowKey"/> values read in the same transaction. The default
    /// runs at once by <c>rowid</c>; a provider that batches writes overrides it.
    /// </summary>
    public virtual ValueTask DeleteIndexRowsAsync(WriteBatch batch, long resourceKey, IReadOnlyList<object> rowKeys, CancellationToken cancellationToken) =>
        IndexRows.DeleteByRowIdAsync(batch, resourceKey, rowKeys, cancellationToken);

    /// <summary>
    /// The image of a number as the database stores it, so two numbers compare equal only when they store the same:
    /// SQLite's REAL (the bits of the double), PostgreSQL's numeric (value and scale).
    /// </summary>
    public abstract Int128 NumberImage(decimal value);

    /// <summary>The <see cref="NumberImage"/> of a stored number column.</summary>
    public abstract Int128 ReadNumberImage(DbDataReader reader, int ordinal);

    /// <summary>Appended to a text expression so it sorts by code point (PostgreSQL: <c>COLLATE "C"</c>; SQLite's default already does).</summary>
    public virtual string CodePointCollation => string.Empty;

    /// <summary>Runs before the migration transaction begins (SQLite: WAL mode, which cannot change inside one).</summary>
    public virtual Task BeforeMigrationAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serializes concurrent migrators inside the migration transaction (PostgreSQL: an advisory lock).</summary>
    public virtual Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds a timestamp parameter in the database's representation.</summary>
    public abstract void AddTimestamp(DbCommand command, string name, DateTimeOffset? value);

    /// <summary>Reads a timestamp column.</summary>
    public abstract DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal);

    /// <summary>Adds a decimal parameter in the database's representation.</summary>
    public abstract void AddDecimal(DbCommand command, string name, decimal? value);

    /// <summary>Adds a GUID parameter in the database's representation.</summary>
    public abstract void AddGuid(DbCommand command, string name, Guid? value);

    /// <summary>
    /// Whether an exception shows the transaction did not commit and the whole operation may run again (deadlock,
    /// serialization failure, busy). Never a broken connection: a commit may have happened before it broke.
    /// </summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Whether an exception shows the database unreachable or unable to take work (<see cref="StorageUnavailableException"/>).</summary>
    public virtual bool IsUnavailable(Exception exception) => false;

    /// <summary>The unavailability an exception shows (callers have checked <see cref="IsUnavailable"/>).</summary>
    public StorageUnavailableException Unavailable(Exception exception) =>
        new($"The {SystemName} database is unavailable.", exception);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
