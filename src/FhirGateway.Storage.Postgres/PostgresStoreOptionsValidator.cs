using FhirGateway.Storage.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FhirGateway.Storage.Postgres;

/// <summary>Checks the PostgreSQL options when PostgreSQL is the configured store, reporting every problem at once.</summary>
internal sealed class PostgresStoreOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        if (!StorageRegistration.IsSelected(storage, StorageProvider.Postgres))
        {
            return ValidateOptionsResult.Skip;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:Postgres:ConnectionString is required when Storage:Provider is Postgres.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            // The message of the parser may quote the connection string, password included; say only where it is.
            return ValidateOptionsResult.Fail("Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string.");
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problems.Add("Storage:Postgres:ConnectionString has no Host.");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            problems.Add("Storage:Postgres:ConnectionString has no Database.");
        }

        if (builder.IncludeErrorDetail)
        {
            // Error details quote row values (identifiers, names) into exception messages, and from there into logs.
            problems.Add("Storage:Postgres:ConnectionString must not set Include Error Detail: error details carry patient data into logs.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
