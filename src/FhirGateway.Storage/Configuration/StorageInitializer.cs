using FhirGateway.Storage.Relational;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirGateway.Storage.Configuration;

/// <summary>
/// Migrates the schema while the host starts, so a store that cannot be used stops start-up. The store is resolved
/// only then: the host creates its hosted services before it validates options, and creating the store reads them,
/// which would report one invalid setting instead of all of them.
/// </summary>
internal sealed class StorageInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.GetRequiredService<RelationalResourceStore>().InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
