using FhirGateway.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Sqlite;

/// <summary>Checks the SQLite options when SQLite is the configured store, reporting every problem at once.</summary>
internal sealed class SqliteStoreOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        if (!StorageRegistration.IsSelected(storage, StorageProvider.Sqlite))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add("Storage:Sqlite:Path is empty.");
        }
        else if (options.Path.Trim().StartsWith(':') || options.Path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || options.Path.Contains(';', StringComparison.Ordinal))
        {
            // An in-memory database loses every resource at exit and differs per connection; URIs and connection
            // string fragments would bypass the settings the store relies on (WAL, foreign keys).
            problems.Add("Storage:Sqlite:Path must be a file path, not an in-memory name, URI or connection string.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add("Storage:Sqlite:Path contains characters not allowed in a path.");
        }

        if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add("Storage:Sqlite:BusyTimeout must be between 00:00:01 and 00:10:00.");
        }

        if (options.MmapSize < 0)
        {
            problems.Add("Storage:Sqlite:MmapSize must be 0 (off) or a positive number of bytes.");
        }

        if (options.WriterCacheSize < 1024 * 1024)
        {
            problems.Add("Storage:Sqlite:WriterCacheSize must be at least 1048576 bytes (1 MiB).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
