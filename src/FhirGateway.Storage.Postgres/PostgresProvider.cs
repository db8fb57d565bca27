using System.Data;
using System.Data.Common;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace FhirGateway.Storage.Postgres;

/// <summary>
/// PostgreSQL for the relational engine, for several gateway instances sharing one database. Transactions run at
/// READ COMMITTED; a writer locks the resource row (<c>SELECT ... FOR UPDATE</c>) before deciding on its new
/// version, unique constraints decide between concurrent creators, outbox leases use
/// <c>FOR UPDATE SKIP LOCKED</c>, and migrations run under a transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresProvider(IOptions<PostgresStoreOptions> options) : RelationalProvider
{
    // "FHIR" as a 32-bit number: the first key of the migration advisory lock; the second is the schema's hash.
    private const int MigrationLockKey = 1179142482;

    private static readonly IReadOnlyList<Migration> PostgresMigrations = Migration.LoadEmbedded(typeof(PostgresProvider).Assembly, "postgres");

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(
        options.Value.ConnectionString ?? throw new InvalidOperationException("Storage:Postgres:ConnectionString is not set.")));

    public override string SystemName => "postgresql";

    public override IReadOnlyList<Migration> Migrations => PostgresMigrations;

    public override string LockRowSuffix => " FOR UPDATE";

    // https://www.postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE: SKIP LOCKED passes over items another
    // worker is leasing at this moment, so concurrent workers (in any instance) never receive the same item.
    public override string LeaseSql =>
        "UPDATE outbox o SET lease_owner = @owner, lease_token = @token, available_at = @expires, attempts = o.attempts + 1 " +
        "FROM (SELECT item_id FROM outbox WHERE available_at <= @now AND (@topic IS NULL OR topic = @topic) " +
        "ORDER BY available_at, item_id LIMIT @max FOR UPDATE SKIP LOCKED) picked WHERE o.item_id = picked.item_id " +
        "RETURNING o.item_id, o.topic, o.resource_type, o.resource_id, o.version, o.attempts, o.created_at, o.available_at";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    // REPEATABLE READ: every statement of the transaction sees the snapshot of its first. A transaction that only
    // reads never fails with a serialization error at this level.
    public override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    // A write's statements without results go to the server together (WriteBatch): a create of a new resource is two
    // round trips (its row, whose key the rest need, then the batch) where it was up to five.
    public override bool BatchesWrites => true;

    // One INSERT of column arrays per resource (PostgresIndexInsert) instead of multi-row VALUES.
    public override ValueTask InsertIndexRowsAsync(WriteBatch batch, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken) =>
        batch.AddAsync(PostgresIndexInsert.Command(batch.Db, resourceKey, resourceType, rows), cancellationToken);

    public override string CodePointCollation => " COLLATE \"C\"";

    // Four nested _has over 250 resources, before autovacuum had analyzed the tables, ran for more than five minutes
    // inlined and in 18 ms materialized (docs/search.md, "Statement limits").
    public override bool MaterializesLinks => true;

    public override async Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken)
    {
        // Released at commit or rollback; concurrent start-ups of several instances wait here, then find the
        // migrations applied. Per schema, so stores in different schemas of one database do not wait for each other.
        await using var command = session.Command("SELECT pg_advisory_xact_lock(@key, hashtext(coalesce(current_schema(), '')))")
            .WithInt32("@key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void AddTimestamp(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value?.UtcDateTime, DbType.DateTimeOffset);

    public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public override void AddDecimal(DbCommand command, string name, decimal? value) => command.With(name, value, DbType.Decimal);

    public override void AddGuid(DbCommand command, string name, Guid? value) => command.With(name, value, DbType.Guid);

    // numeric keeps the scale it was given (1.50 is not stored as 1.5) and decimal carries it too: comparing the bits
    // compares value and scale.
    public override Int128 NumberImage(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return new Int128(((ulong)(uint)bits[3] << 32) | (uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    public override Int128 ReadNumberImage(DbDataReader reader, int ordinal) => NumberImage(reader.GetDecimal(ordinal));

    // search_index has no key column; ctid names a row version, and no other writer changes the resource's rows while
    // its row lock is held (search_index rows are never updated in place). Carried as text: the data source maps no
    // tid arrays.
    public override string IndexRowKey => "ctid::text";

    public override ValueTask DeleteIndexRowsAsync(WriteBatch batch, long resourceKey, IReadOnlyList<object> rowKeys, CancellationToken cancellationToken)
    {
        var tids = new string[rowKeys.Count];
        for (var i = 0; i < tids.Length; i++)
        {
            tids[i] = (string)rowKeys[i];
        }

        var command = (NpgsqlCommand)batch.Db.Command("DELETE FROM search_index WHERE ctid = ANY(@rows::tid[]) AND resource_key = @key");
        command.Parameters.Add(new NpgsqlParameter<string[]>("rows", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tids });
        command.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = resourceKey });
        return batch.AddAsync(command, cancellationToken);
    }

    // 40001 serialization_failure, 40P01 deadlock_detected: raised before commit, so the transaction left nothing.
    public override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public override bool IsUnavailable(Exception exception) => PostgresUnavailability.Of(exception);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
