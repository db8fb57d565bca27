using FhirGateway.Storage.Sqlite;
using FhirGateway.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Tests.Sqlite;

/// <summary>The settings every connection of the SQLite provider runs with.</summary>
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

    public void Dispose() => SqliteFiles.Delete(_folder);

    private async Task<long> PragmaAsync(long mmapSize, string pragma)
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), MmapSize = mmapSize };
        await using var provider = new SqliteProvider(Options.Create(options), NullLogger<SqliteProvider>.Instance);
        await using var connection = await provider.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
