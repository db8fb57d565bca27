using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>The store contract on PostgreSQL (FHIRGATEWAY_TEST_POSTGRES; required under CI=true).</summary>
[RequiresPostgres]
public sealed class PostgresResourceStoreTests : ResourceStoreContract
{
    internal override async Task<IStoreHarness> CreateHarnessAsync() => await PostgresHarness.CreateAsync();
}
