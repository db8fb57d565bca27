using Microsoft.Data.Sqlite;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>The gateway on a SQLite file in a temporary folder of its own, deleted afterwards.</summary>
public sealed class SqliteGateway : GatewayFactory
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fhirgateway-api-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => "Sqlite";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings() =>
    [
        new("Storage:Provider", "Sqlite"),
        new("Storage:Sqlite:Path", Path.Combine(_folder, "fhirgateway.db")),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the file open.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
