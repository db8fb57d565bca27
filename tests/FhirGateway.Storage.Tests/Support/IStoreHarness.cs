using FhirGateway.Storage.Configuration;
using FhirGateway.Storage.Relational;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>A fresh, empty database of one provider, and stores over it.</summary>
internal interface IStoreHarness : IAsyncDisposable
{
    StorageProvider Provider { get; }

    /// <summary>The clock of every store of the harness.</summary>
    TestClock Clock { get; }

    /// <summary>The path or connection string of the database, as the crash writer takes it.</summary>
    string Target { get; }

    /// <summary>The first store over the database.</summary>
    RelationalResourceStore Store { get; }

    /// <summary>Another store over the same database, with its own connection pool (as a second gateway instance).</summary>
    RelationalResourceStore NewInstance();

    /// <summary>Runs a query of the test's own (counts, checks) and returns the first column of the first row.</summary>
    Task<long> ScalarAsync(string sql);

    /// <summary>Runs a query and reads every row.</summary>
    Task<List<object?[]>> RowsAsync(string sql);
}
