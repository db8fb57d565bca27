using FhirGateway.Storage.Tests.Support;
using Xunit.Abstractions;

namespace FhirGateway.Storage.Tests.Crash;

/// <summary>Crash safety on PostgreSQL: the server aborts the transaction of a client that disappears.</summary>
[RequiresPostgres]
public sealed class PostgresCrashSafetyTests(ITestOutputHelper output) : CrashSafetyContract(output)
{
    internal override async Task<IStoreHarness> CreateHarnessAsync() => await PostgresHarness.CreateAsync();
}
