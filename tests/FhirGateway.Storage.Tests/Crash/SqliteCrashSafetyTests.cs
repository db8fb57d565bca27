using FhirGateway.Storage.Tests.Support;
using Xunit.Abstractions;

namespace FhirGateway.Storage.Tests.Crash;

/// <summary>Crash safety on SQLite: a writer killed mid-transaction leaves a hot WAL that the next open recovers.</summary>
public sealed class SqliteCrashSafetyTests(ITestOutputHelper output) : CrashSafetyContract(output)
{
    internal override Task<IStoreHarness> CreateHarnessAsync() => Task.FromResult<IStoreHarness>(new SqliteHarness());

    internal override async Task CheckDatabaseAsync()
    {
        Assert.Equal("ok", (await Harness.RowsAsync("PRAGMA integrity_check")).Single()[0]);
        Assert.Empty(await Harness.RowsAsync("PRAGMA foreign_key_check"));
    }
}
