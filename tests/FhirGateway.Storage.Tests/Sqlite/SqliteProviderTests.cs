using FhirGateway.Storage.Sqlite;
using FhirGateway.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Tests.Sqlite;

/// <summary>The settings every connection of the SQLite provider runs with, and how its writers take turns.</summary>
public sealed class SqliteProviderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fhirgateway-store-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Connections_read_through_a_memory_map_unless_it_is_turned_off()
    {
        Assert.True(await PragmaAsync(SqliteStoreOptions.DefaultMmapSize, "mmap_size") > 0);
        Assert.Equal(0, await PragmaAsync(0, "mmap_size"));
    }

    [Fact]
    public async Task The_memory_map_leaves_commits_durable()
    {
        // https://sqlite.org/pragma.html#pragma_synchronous: 2 is FULL.
        Assert.Equal(2, await PragmaAsync(SqliteStoreOptions.DefaultMmapSize, "synchronous"));
    }

    [Fact]
    public async Task Dirty_pages_reach_the_wal_only_at_commit()
    {
        // https://sqlite.org/pragma.html#pragma_cache_spill: 0 is off.
        Assert.Equal(0, await PragmaAsync(SqliteStoreOptions.DefaultMmapSize, "cache_spill"));
    }

    [Fact]
    public async Task Savepoint_journals_stay_in_memory()
    {
        // https://sqlite.org/pragma.html#pragma_temp_store: 2 is MEMORY.
        Assert.Equal(2, await PragmaAsync(SqliteStoreOptions.DefaultMmapSize, "temp_store"));
    }

    [Fact]
    public async Task Writers_take_turns_on_one_connection_with_a_larger_cache()
    {
        await using var provider = Provider(SqliteStoreOptions.DefaultMmapSize);
        var first = await provider.OpenForWriteAsync(CancellationToken.None);
        var transaction = await provider.BeginWriteAsync(first, CancellationToken.None);
        var waiting = provider.OpenForWriteAsync(CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await transaction.CommitAsync();
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(first, second);
        await using var command = second.CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        // Negative: a size in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
        Assert.Equal(-SqliteStoreOptions.DefaultWriterCacheSize / 1024, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

        await using var reader = await provider.OpenAsync(CancellationToken.None);
        Assert.NotSame(second, reader);
        await second.DisposeAsync();

        // More idle readers than the pool keeps do not push the writers' connection out.
        var readers = new List<System.Data.Common.DbConnection>();
        for (var i = 0; i < 40; i++)
        {
            readers.Add(await provider.OpenAsync(CancellationToken.None));
        }

        foreach (var idle in readers)
        {
            await idle.DisposeAsync();
        }

        await using var third = await provider.OpenForWriteAsync(CancellationToken.None);
        Assert.Same(first, third);
    }

    [Fact]
    public async Task The_wal_starts_again_while_writers_go_back_to_back()
    {
        // Each write adds about 1 MiB (256 pages) of new rows; 160 of them put 40,000 frames through the WAL. Without
        // the checkpointer's pause the WAL would never restart and hold all of them.
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        await using var provider = new SqliteProvider(Options.Create(new SqliteStoreOptions { Path = path }), NullLogger<SqliteProvider>.Instance);
        await using (var setup = await provider.OpenForWriteAsync(CancellationToken.None))
        {
            await provider.BeforeMigrationAsync(setup, CancellationToken.None);
            await using var transaction = await provider.BeginWriteAsync(setup, CancellationToken.None);
            await using var create = setup.CreateCommand();
            create.CommandText = "CREATE TABLE filler (body BLOB)";
            await create.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var largest = 0L;
        for (var i = 0; i < 160; i++)
        {
            await using var connection = await provider.OpenForWriteAsync(CancellationToken.None);
            await using var transaction = await provider.BeginWriteAsync(connection, CancellationToken.None);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256) INSERT INTO filler (body) SELECT randomblob(3900) FROM n";
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            await provider.AfterCommitAsync(connection);
            largest = Math.Max(largest, new FileInfo(path + "-wal").Length);
        }

        // A frame is a 24-byte header and a 4 KiB page (https://sqlite.org/fileformat.html#the_write_ahead_log). Past
        // RestartFrames the WAL still grows by what commits while the checkpoint that reports it runs.
        var frames = largest / (24 + 4096);
        Assert.InRange(frames, 256, 2 * SqliteCheckpointer.RestartFrames);
    }

    [Fact]
    public async Task Small_commits_share_a_checkpoint()
    {
        await using var provider = await FillerStoreAsync();

        // 10 commits of about 50 pages: 500 frames, under the checkpoint's 1,000.
        for (var i = 0; i < 10; i++)
        {
            await WriteAsync(provider, FillerRows(50));
        }

        await Task.Delay(300);
        Assert.Equal(0, provider.Checkpointer.Runs);

        for (var i = 0; i < 12; i++)
        {
            await WriteAsync(provider, FillerRows(50));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (provider.Checkpointer.Runs == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.InRange(provider.Checkpointer.Runs, 1, 2);
    }

    [Fact]
    public async Task A_reader_holding_its_snapshot_does_not_make_every_commit_checkpoint_again()
    {
        await using var provider = await FillerStoreAsync();
        await WriteAsync(provider, FillerRows(10));

        // A reader's snapshot, held while 60 commits of about 50 pages (about 3,000 frames) go by: no checkpoint can
        // copy past it. One checkpoint per 1,000 new frames is expected, not one per commit.
        await using var reader = await provider.OpenAsync(CancellationToken.None);
        await using var snapshot = await provider.BeginReadAsync(reader, CancellationToken.None);
        await using (var select = reader.CreateCommand())
        {
            select.Transaction = snapshot;
            select.CommandText = "SELECT count(*) FROM filler";
            Assert.Equal(10L, await select.ExecuteScalarAsync());
        }

        for (var i = 0; i < 60; i++)
        {
            await WriteAsync(provider, FillerRows(50));
            await Task.Delay(5);
        }

        await Task.Delay(300);
        Assert.InRange(provider.Checkpointer.Runs, 1, 6);
    }

    [Fact]
    public async Task A_writer_of_the_process_starts_as_soon_as_the_one_before_it_ends()
    {
        await using var provider = Provider(SqliteStoreOptions.DefaultMmapSize);
        var first = await provider.OpenAsync(CancellationToken.None);
        var transaction = await provider.BeginWriteAsync(first, CancellationToken.None);
        await using var second = await provider.OpenAsync(CancellationToken.None);

        var waiting = provider.BeginWriteAsync(second, CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await transaction.CommitAsync();
        await provider.AfterCommitAsync(first);
        await first.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await next.CommitAsync();
    }

    [Fact]
    public async Task A_writer_that_waits_past_the_busy_timeout_fails_as_transient()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), BusyTimeout = TimeSpan.FromSeconds(1) };
        await using var provider = new SqliteProvider(Options.Create(options), NullLogger<SqliteProvider>.Instance);
        await using var first = await provider.OpenAsync(CancellationToken.None);
        await using var transaction = await provider.BeginWriteAsync(first, CancellationToken.None);
        await using var second = await provider.OpenAsync(CancellationToken.None);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await provider.BeginWriteAsync(second, CancellationToken.None));

        Assert.True(provider.IsTransient(failure), failure.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    public void Dispose() => SqliteFiles.Delete(_folder);

    // A fresh store with a table of filler rows, on a library that reports commits (SqliteWalHook).
    private async Task<SqliteProvider> FillerStoreAsync()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        var provider = new SqliteProvider(Options.Create(new SqliteStoreOptions { Path = path }), NullLogger<SqliteProvider>.Instance);

        // After the provider: it loads the library whose export this asks about.
        Assert.True(SqliteWalHook.Available, "The SQLite library in use does not export sqlite3_wal_hook.");
        await WriteAsync(provider, "CREATE TABLE filler (body BLOB)", migrate: true);
        return provider;
    }

    private static string FillerRows(int count) =>
        $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) INSERT INTO filler (body) SELECT randomblob(3900) FROM n";

    private static async Task WriteAsync(SqliteProvider provider, string sql, bool migrate = false)
    {
        await using var connection = await provider.OpenForWriteAsync(CancellationToken.None);
        if (migrate)
        {
            await provider.BeforeMigrationAsync(connection, CancellationToken.None);
        }

        await using var transaction = await provider.BeginWriteAsync(connection, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        await provider.AfterCommitAsync(connection);
    }

    private SqliteProvider Provider(long mmapSize) =>
        new(Options.Create(new SqliteStoreOptions { Path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), MmapSize = mmapSize }), NullLogger<SqliteProvider>.Instance);

    private async Task<long> PragmaAsync(long mmapSize, string pragma)
    {
        await using var provider = Provider(mmapSize);
        await using var connection = await provider.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
