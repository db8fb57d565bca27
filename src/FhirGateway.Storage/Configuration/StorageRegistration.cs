using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Outbox;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Relational.Search;
using FhirGateway.Storage.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Configuration;

/// <summary>
/// What every provider's <c>AddXxxResourceStore</c> shares: each provider registers itself under its
/// <see cref="StorageProvider"/> key, and <see cref="IResourceStore"/>, <see cref="IOutbox"/> and <see cref="IResourceSearch"/> resolve to the one
/// <c>Storage:Provider</c> names. A host may register both providers and choose by configuration alone.
/// </summary>
internal static class StorageRegistration
{
    public static IServiceCollection AddProvider<TProvider>(IServiceCollection services, StorageProvider key)
        where TProvider : RelationalProvider
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, RegisteredProviderValidator>());
        services.AddSingleton(new RegisteredProvider(key));
        services.TryAddKeyedSingleton<RelationalProvider, TProvider>(key);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RelationalResourceStore(
            sp.GetRequiredKeyedService<RelationalProvider>(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RelationalResourceStore>>()));
        services.TryAddSingleton<IResourceStore>(sp => sp.GetRequiredService<RelationalResourceStore>());
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<RelationalResourceStore>());
        services.TryAddSingleton<IResourceSearch>(sp => new RelationalResourceSearch(sp.GetRequiredService<RelationalResourceStore>()));
        services.TryAddSingleton<IReindexStore>(sp => new RelationalReindexStore(sp.GetRequiredService<RelationalResourceStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageInitializer>());
        return services;
    }

    /// <summary>Whether the options of a provider apply (the configured provider is validated, the other ignored).</summary>
    public static bool IsSelected(IOptions<StorageOptions> storage, StorageProvider provider) => storage.Value.Provider == provider;

    /// <summary>A provider registered by its <c>AddXxxResourceStore</c>.</summary>
    internal sealed record RegisteredProvider(StorageProvider Key);

    /// <summary>Fails start-up when <c>Storage:Provider</c> names a provider the host did not register.</summary>
    private sealed class RegisteredProviderValidator(IEnumerable<RegisteredProvider> registered) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            registered.Any(r => r.Key == options.Provider)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Storage:Provider is {options.Provider}, but the host registers only {string.Join(", ", registered.Select(r => r.Key).Distinct())}.");
    }
}
