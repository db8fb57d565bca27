using System.Data;
using System.Data.Common;
using System.Globalization;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// SQLite for the relational engine. The database runs in WAL mode (readers never block the writer), every write
/// transaction starts with <c>BEGIN IMMEDIATE</c> so it holds the single write lock from its first statement (no
/// lock upgrades, hence no deadlocks), and a writer waits up to the busy timeout for another. Commits are
/// <c>synchronous = FULL</c>: an acknowledged write survives power loss, not only a process crash.
/// Timestamps are stored as UTC ticks, decimals as REAL, GUIDs as text.
/// </summary>
internal sealed class SqliteProvider : RelationalProvider
{
    private static readonly IReadOnlyList<Migration> SqliteMigrations = Migration.LoadEmbedded(typeof(SqliteProvider).Assembly, "sqlite");

    // Past this size the WAL is checkpointed and truncated after a commit (AfterCommitAsync).
    private const long WalTruncateBytes = 128L * 1024 * 1024;

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _writerPragmas;
    private readonly string _path;
    private readonly ILogger<SqliteProvider> _logger;
    private readonly string _library;
    private readonly long _mmapSize;
    private volatile bool _ready;
    private volatile bool _mapReported;

    private readonly SqliteConnectionPool _pool;
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private readonly SqliteCheckpointer _checkpointer;
    private readonly TimeSpan _busyTimeout;

    public SqliteProvider(IOptions<SqliteStoreOptions> options, ILogger<SqliteProvider> logger)
    {
        // Before anything touches Microsoft.Data.Sqlite, whose first use loads a library of its own choosing.
        _library = SqliteNativeLibrary.EnsureLoaded();
        var settings = options.Value;
        _path = Path.GetFullPath(settings.Path);
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The provider keeps its own pool (SqliteConnectionPool), which keeps prepared statements.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        }.ToString();
        _pool = new SqliteConnectionPool(_connectionString);
        _mmapSize = settings.MmapSize;
        _busyTimeout = settings.BusyTimeout;
        // mmap_size: a read by id descends four B-trees (the two unique indexes and both tables); once the database
        // outgrows the page cache of a connection (2 MiB by default), most of those pages were a pread() into that
        // cache, about 4.4 per read at 100,000 Patients. Mapped, the pages are read where the operating system keeps
        // them, shared by all connections (docs/benchmarks.md, issue 4). Writes still go through write() and the WAL.
        // temp_store = MEMORY: each write of a group commit runs in a savepoint (GroupCommit), and SQLite keeps the
        // original of every page a savepoint changes in a sub-journal, a temporary file once it passes 64 KiB
        // (https://sqlite.org/tempfiles.html, sections 2.5 and 2.6). A Patient create changes about 66 pages, so
        // each one wrote about 270 KB to a file that is deleted unread when the savepoint is released. Kept in
        // memory, the mixed load of the load script ran 8-29 % faster (docs/benchmarks.md, issue 4).
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)settings.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA mmap_size = {settings.MmapSize}; PRAGMA cache_spill = OFF; PRAGMA temp_store = MEMORY;");
        // wal_autocheckpoint = 0: the writers' commits are checkpointed by SqliteCheckpointer, beside the next writer.
        _writerPragmas = string.Create(CultureInfo.InvariantCulture, $"{_pragmas} PRAGMA cache_size = -{settings.WriterCacheSize / 1024}; PRAGMA wal_autocheckpoint = 0;");
        _checkpointer = new SqliteCheckpointer(_connectionString, settings.BusyTimeout, logger);
    }

    /// <summary>The checkpointer of the writers' commits.</summary>
    internal SqliteCheckpointer Checkpointer => _checkpointer;

    public override string SystemName => "sqlite";

    public override IReadOnlyList<Migration> Migrations => SqliteMigrations;

    // One writer at a time, and each commit flushes the WAL to disk (synchronous = FULL): writes waiting for the
    // lock share the next commit instead of queueing for a flush each.
    public override bool GroupsCommits => true;

    // One UPDATE ... RETURNING under the write lock: no other writer runs between choosing items and leasing them.
    public override string LeaseSql =>
        "UPDATE outbox SET lease_owner = @owner, lease_token = @token, available_at = @expires, attempts = attempts + 1 " +
        "WHERE item_id IN (SELECT item_id FROM outbox WHERE available_at <= @now AND (@topic IS NULL OR topic = @topic) " +
        "ORDER BY available_at, item_id LIMIT @max) RETURNING " + OutboxRows.LeasedColumns;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            Prepare();
        }

        var connection = _pool.Rent(out var opened);
        return opened ? connection : await ConfigureAsync(connection, _pragmas, cancellationToken);
    }

    // Writers take turns on one connection. In WAL mode a connection empties its page cache when it finds that
    // another connection committed since its last transaction (https://sqlite.org/wal.html, section 2.2, "the WAL
    // index"); with writers spread over the pool each one found the pages it was about to change gone, and read them
    // back from the WAL file (pread, about 66 pages for a Patient create) or, past the memory map, from the database.
    // The writers' connection alone commits, so its cache stays valid from one write to the next, and it is larger
    // (WriterCacheSize) to hold the index pages writes come back to.
    public override async ValueTask<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            Prepare();
        }

        await WaitForWriterGateAsync(cancellationToken);
        ReusableSqliteConnection? connection = null;
        try
        {
            await _checkpointer.BeforeWriteAsync().WaitAsync(cancellationToken);
            connection = _pool.RentWriter(out var opened);
            connection.HoldWriterGate(_writerGate);
            if (opened)
            {
                return connection;
            }

            await ConfigureAsync(connection, _writerPragmas, cancellationToken);
            SqliteWalHook.TryInstall(connection, _checkpointer.HookArgument);
            return connection;
        }
        catch
        {
            if (connection is null)
            {
                _writerGate.Release();
            }
            else
            {
                // Releases the gate the connection holds (disposing twice is harmless).
                await connection.DisposeAsync();
            }

            throw;
        }
    }

    private async Task WaitForWriterGateAsync(CancellationToken cancellationToken)
    {
        if (!await _writerGate.WaitAsync(_busyTimeout, cancellationToken))
        {
            throw new SqliteException("database is locked: another write of this process held it past the busy timeout", 5);
        }
    }

    private async ValueTask<DbConnection> ConfigureAsync(ReusableSqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            connection.Configured = true;
            if (!_mapReported)
            {
                // The library silently caps the size at its compile-time maximum: say what each connection got.
                _mapReported = true;
                command.CommandText = "PRAGMA mmap_size";
                SqliteLog.MemoryMap(_logger, Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture), _mmapSize);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Checkpoint starvation (https://sqlite.org/wal.html#avoiding_excessively_large_wal_files): with writers back to
    // back (transaction Bundles from several clients) the automatic checkpoints copy the WAL into the database but
    // never find the moment to start it again from its beginning, so it grew past 6 GB while 100,000 Patients and
    // 100,000 Observations loaded. Past WalTruncateBytes, the connection that committed checkpoints it in TRUNCATE
    // mode, which waits (busy timeout) for the current writer and readers to finish with the WAL. The writers'
    // commits are checkpointed by SqliteCheckpointer, which makes the next writer wait for it when the WAL is long so
    // that the WAL starts again; this truncation remains for WALs that still outgrow that (long-running readers).
    public override async Task AfterCommitAsync(DbConnection connection)
    {
        if (connection is ReusableSqliteConnection { IsWriter: true })
        {
            _checkpointer.Committed();
        }

        var wal = new FileInfo(_path + "-wal");
        if (!wal.Exists || wal.Length < WalTruncateBytes)
        {
            return;
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }
        catch (SqliteException)
        {
            // The write is committed; the next commit tries again.
        }
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql)
    {
        if (connection is ReusableSqliteConnection reusable)
        {
            return reusable.Command(sql);
        }

        return base.CreateCommand(connection, sql);
    }

    // One prepared statement bound by position, run per row (SqliteIndexInsert): sqlite3_bind_parameter_index scans a
    // statement's names, so named parameters cost n² comparisons in multi-row INSERTs, and a command per row created
    // 17 parameter objects. Every connection comes from the provider's pool (ReusableSqliteConnection).
    // It runs now: SQLite does not batch (RelationalProvider.BatchesWrites).
    public override ValueTask InsertIndexRowsAsync(WriteBatch batch, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ((ReusableSqliteConnection)batch.Db.Connection).IndexInsert.Run(resourceKey, resourceType, rows);
        return ValueTask.CompletedTask;
    }

    // Without the type term SQLite reads the (resource_key, param) index and then every row of the parameter from the
    // table for each candidate (RelationalProvider.NamesTypeInExactChecks).
    public override bool NamesTypeInExactChecks => true;

    public override ValueTask DisposeAsync()
    {
        // Connections first: the writers' connection reports its commits to the checkpointer.
        _pool.Dispose();
        _checkpointer.Dispose();
        return ValueTask.CompletedTask;
    }

    // Writers of this process queue on a gate before BEGIN IMMEDIATE, so the lock passes to the next writer as soon as
    // a write transaction ends. SQLite's own busy handler polls with sleeps of up to 100 ms
    // (https://sqlite.org/c3ref/busy_timeout.html), which left the single writer idle between transaction Bundles.
    // Writers of other processes on the same file still meet the busy timeout.
    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var reusable = (ReusableSqliteConnection)connection;
        if (reusable.HoldsWriterGate)
        {
            // Opened by OpenForWriteAsync, which waited for the gate.
            return reusable.BeginTransaction(deferred: false);
        }

        await WaitForWriterGateAsync(cancellationToken);
        reusable.HoldWriterGate(_writerGate);
        try
        {
            return reusable.BeginTransaction(deferred: false);
        }
        catch
        {
            reusable.ReleaseWriterGate();
            throw;
        }
    }

    // A deferred transaction takes its snapshot at the first read and never blocks the writer (WAL).
    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override async Task BeforeMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file and persists; it cannot be changed inside a transaction.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite database {_path} cannot use WAL mode (journal mode is {mode}).");
        }
    }

    public override void AddTimestamp(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value?.UtcTicks, DbType.Int64);

    public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override void AddDecimal(DbCommand command, string name, decimal? value) =>
        command.With(name, value is { } v ? (double)v : null, DbType.Double);

    public override void AddGuid(DbCommand command, string name, Guid? value) =>
        command.With(name, value?.ToString("D"), DbType.String);

    // A REAL column stores the double the insert bound (SqliteIndexInsert); its bits tell two stored values apart,
    // where double equality would take 0 and -0 for one.
    public override Int128 NumberImage(decimal value) => BitConverter.DoubleToInt64Bits((double)value);

    public override Int128 ReadNumberImage(DbDataReader reader, int ordinal) => BitConverter.DoubleToInt64Bits(reader.GetDouble(ordinal));

    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the lock past the busy timeout; nothing was committed.
    public override bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    // SQLITE_CANTOPEN (14) and SQLITE_FULL (13): the file cannot be opened, or the disk is full
    // (https://sqlite.org/rescode.html).
    public override bool IsUnavailable(Exception exception) => exception is SqliteException { SqliteErrorCode: 13 or 14 };

    private void Prepare()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        if (!_ready)
        {
            _ready = true;
            SqliteLog.Opened(_logger, _library, _path);
        }
    }
}
