using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Reindexing;

/// <summary>Registers the reindexer (docs/search.md#reindexing).</summary>
internal static class ReindexExtensions
{
    /// <summary>
    /// The reindexer, its start-up run (<c>Reindex:RunAtStartup</c>) and its settings, validated at start-up. Needs a
    /// store that serves <see cref="Storage.Indexing.IReindexStore"/> and the search indexer (AddFhirSearch).
    /// </summary>
    public static IServiceCollection AddFhirReindexing(this IServiceCollection services)
    {
        services.AddOptions<ReindexOptions>().BindConfiguration(ReindexOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReindexOptions>, ReindexOptionsValidator>();
        services.AddSingleton<Reindexer>();
        services.AddSingleton<ReindexAtStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<ReindexAtStartup>());
        return services;
    }
}
