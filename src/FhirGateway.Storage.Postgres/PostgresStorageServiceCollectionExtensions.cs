using FhirGateway.Storage.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Postgres;

/// <summary>Registers the PostgreSQL resource store.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store (options <c>Storage:Postgres</c>). It serves <see cref="IResourceStore"/> and
    /// <see cref="Outbox.IOutbox"/> when <c>Storage:Provider</c> is <c>Postgres</c>; the schema is migrated at
    /// start-up, safely when several instances start at once.
    /// </summary>
    public static IServiceCollection AddPostgresResourceStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PostgresStoreOptions>().BindConfiguration(PostgresStoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        return StorageRegistration.AddProvider<PostgresProvider>(services, StorageProvider.Postgres);
    }
}
