namespace FhirGateway.Storage.Sqlite;

/// <summary>The SQLite store, bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage:Sqlite";

    /// <summary><c>Storage:Sqlite:Path</c>: the database file, relative to the working directory; its folder is created.</summary>
    public string Path { get; set; } = "data/fhirgateway.db";

    /// <summary><c>Storage:Sqlite:BusyTimeout</c>: how long a writer waits for another writer's transaction (1 s to 10 min).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
