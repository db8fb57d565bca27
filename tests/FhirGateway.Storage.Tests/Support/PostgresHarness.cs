using FhirGateway.Storage.Configuration;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Relational;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>A new schema in the test database (stores find it through the connection's search path), dropped afterwards.</summary>
internal sealed class PostgresHarness : StoreHarness
{
    private readonly string _admin;
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    private PostgresHarness(string admin)
    {
        _admin = admin;
        Target = new NpgsqlConnectionStringBuilder(admin) { SearchPath = _schema }.ConnectionString;
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string Target { get; }

    public static async Task<PostgresHarness> CreateAsync()
    {
        var harness = new PostgresHarness(PostgresEnvironment.RequireConnectionString());
        await harness.AdminAsync($"CREATE SCHEMA \"{harness._schema}\"");
        return harness;
    }

    protected override RelationalProvider CreateProvider() =>
        new PostgresProvider(Options.Create(new PostgresStoreOptions { ConnectionString = Target }));

    protected override Task DropDatabaseAsync() => AdminAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
