namespace FhirGateway.Storage.Configuration;

/// <summary>The databases a store can use (configuration <c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>SQLite: one file, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL: several gateway instances share one database.</summary>
    Postgres,
}
