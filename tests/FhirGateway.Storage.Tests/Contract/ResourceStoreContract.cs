using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>
/// The store contract, one suite for every provider (house style 4.10): each provider's test class derives from it
/// and supplies a fresh database per test. The suite is split by topic over several files.
/// </summary>
public abstract partial class ResourceStoreContract : IAsyncLifetime
{
    private IStoreHarness? _harness;

    internal IStoreHarness Harness => _harness ?? throw new InvalidOperationException("The harness is not ready.");

    internal RelationalResourceStore Store => Harness.Store;

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    internal abstract Task<IStoreHarness> CreateHarnessAsync();

    /// <summary>Counts rows of a table of the test database.</summary>
    internal Task<long> CountAsync(string table, string where = "1 = 1") => Harness.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {where}");

    internal async Task<ResourceVersion> CreatedAsync(ResourceWrite write)
    {
        var result = await Store.CreateAsync(write);
        Assert.Equal(WriteStatus.Created, result.Status);
        return result.Version!;
    }
}
