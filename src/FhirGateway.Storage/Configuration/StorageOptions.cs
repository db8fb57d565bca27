namespace FhirGateway.Storage.Configuration;

/// <summary>The store choice, bound from the configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
}
