using FhirGateway.Search.Indexing;
using FhirGateway.Search.Query;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;
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
    /// <see cref="SearchService"/>, and the REST layer's <see cref="IResourceIndexer"/> and <see cref="IConditionalMatcher"/>
    /// (replacing any registered before). Needs a store that serves <see cref="IResourceSearch"/> (AddSqliteResourceStore
    /// or AddPostgresResourceStore).
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

        // The REST layer's seams (docs/rest.md): every write gets index rows as well as identity keys, and conditional
        // criteria run as searches. Replace, so the order of the host's registrations does not matter.
        services.Replace(ServiceDescriptor.Singleton<IResourceIndexer>(sp => new SearchResourceIndexer(sp.GetRequiredService<SearchIndexer>())));
        services.Replace(ServiceDescriptor.Singleton<IConditionalMatcher>(sp => new SearchConditionalMatcher(sp.GetRequiredService<SearchService>())));
        return services;
    }
}
