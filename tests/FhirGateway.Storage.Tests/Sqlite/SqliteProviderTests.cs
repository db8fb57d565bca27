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
