namespace FhirGateway.Storage.Postgres;

/// <summary>The PostgreSQL store, bound from <c>Storage:Postgres</c>.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage:Postgres";

    /// <summary>
    /// <c>Storage:Postgres:ConnectionString</c>, e.g. <c>Host=127.0.0.1;Username=fhirgateway;Password=...;Database=fhirgateway</c>.
    /// The tables live in the connection's first <c>Search Path</c> schema (default <c>public</c>).
    /// </summary>
    public string? ConnectionString { get; set; }
}
