namespace FhirGateway.Api.Bundles;

/// <summary>Batch and transaction Bundles.</summary>
internal static class BundlesExtensions
{
    public static IServiceCollection AddFhirBundles(this IServiceCollection services)
    {
        services.AddSingleton<EntryExecutor>();
        services.AddSingleton<TransactionIdentities>();
        services.AddSingleton<BatchProcessor>();
        services.AddSingleton<TransactionProcessor>();
        return services;
    }
}
