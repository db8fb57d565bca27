using Npgsql;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// The gateway on a new schema of the PostgreSQL test database (FHIRGATEWAY_TEST_POSTGRES), dropped afterwards. The
/// schema is made when the host first starts, so a skipped test class never connects.
/// </summary>
public sealed class PostgresGateway : GatewayFactory
{
    private readonly string _schema = "api_" + Guid.NewGuid().ToString("N");
    private string? _admin;

    public override string Provider => "Postgres";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings() => SettingsFor(port: null);

    /// <summary>The settings for this factory's schema, reached on another port when one is given (a relay).</summary>
    public IEnumerable<KeyValuePair<string, string>> SettingsFor(int? port)
    {
        _admin = PostgresEnvironment.RequireConnectionString();
        Admin($"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"");
        var gateway = new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema };
        if (port is { } relayed)
        {
            gateway.Port = relayed;
        }

        return
        [
            new("Storage:Provider", "Postgres"),
            new("Storage:Postgres:ConnectionString", gateway.ConnectionString),
        ];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Admin($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
            _admin = null;
        }
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
