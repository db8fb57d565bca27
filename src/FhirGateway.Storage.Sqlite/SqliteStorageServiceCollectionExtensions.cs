using FhirGateway.Storage.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Sqlite;

/// <summary>Registers the SQLite resource store.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store (options <c>Storage:Sqlite</c>). It serves <see cref="IResourceStore"/> and
    /// <see cref="Outbox.IOutbox"/> when <c>Storage:Provider</c> is <c>Sqlite</c>, the default; the schema is migrated
    /// at start-up.
    /// </summary>
    public static IServiceCollection AddSqliteResourceStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        return StorageRegistration.AddProvider<SqliteProvider>(services, StorageProvider.Sqlite);
    }
}
