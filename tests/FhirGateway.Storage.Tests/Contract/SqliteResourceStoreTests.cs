using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteResourceStoreTests : ResourceStoreContract
{
    internal override Task<IStoreHarness> CreateHarnessAsync() => Task.FromResult<IStoreHarness>(new SqliteHarness());
}
