using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FhirGateway.Search.Configuration;

/// <summary>Registers search.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers search (options <c>Search</c>, validated at start-up): the <see cref="SearchParameterRegistry"/> (official
    /// R4 parameters and the gateway's own files), the <see cref="SearchIndexer"/> that writes index rows, and the
    /// <see cref="SearchService"/>. Needs a store that serves <see cref="IResourceSearch"/> (AddSqliteResourceStore or
    /// AddPostgresResourceStore).
    /// </summary>
    public static IServiceCollection AddFhirSearch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SearchSettings>().BindConfiguration(SearchSettings.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchSettings>, SearchSettingsValidator>());
        services.TryAddSingleton<SearchRegistryLoader>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<SearchRegistryLoader>().Load(sp.GetRequiredService<IOptions<SearchSettings>>().Value).Registry);
        services.TryAddSingleton(sp => new SearchIndexer(
            sp.GetRequiredService<SearchParameterRegistry>(), sp.GetRequiredService<IOptions<SearchSettings>>().Value.LocalBaseUrls));
        services.TryAddSingleton(sp => new SearchService(
            sp.GetRequiredService<SearchParameterRegistry>(),
            sp.GetRequiredService<IResourceSearch>(),
            sp.GetRequiredService<IOptions<SearchSettings>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
