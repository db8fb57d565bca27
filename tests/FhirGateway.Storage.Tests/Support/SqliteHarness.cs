using FhirGateway.Storage.Configuration;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>A new SQLite file in its own temporary folder, deleted afterwards.</summary>
internal sealed class SqliteHarness : StoreHarness
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fhirgateway-store-tests", Guid.NewGuid().ToString("N"));

    public SqliteHarness()
    {
        Directory.CreateDirectory(_folder);
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string Target => Path.Combine(_folder, "store.db");

    protected override RelationalProvider CreateProvider() =>
        new SqliteProvider(Options.Create(new SqliteStoreOptions { Path = Target }), NullLogger<SqliteProvider>.Instance);

    protected override Task DropDatabaseAsync()
    {
        SqliteFiles.Delete(_folder);
        return Task.CompletedTask;
    }
}
