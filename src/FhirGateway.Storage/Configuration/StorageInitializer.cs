using FhirGateway.Storage.Relational;
using Microsoft.Extensions.Hosting;

namespace FhirGateway.Storage.Configuration;

/// <summary>Migrates the schema while the host starts, so a store that cannot be used stops start-up.</summary>
internal sealed class StorageInitializer(RelationalResourceStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
