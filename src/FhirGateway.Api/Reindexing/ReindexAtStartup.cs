using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Reindexing;

/// <summary>
/// Runs the reindexer once in the background after start-up (<c>Reindex:RunAtStartup</c>, default true): the
/// gateway serves requests meanwhile, and searches may miss resources not yet reindexed (docs/search.md#reindexing).
/// A failure is logged, never fatal: the next start or <c>POST [base]/$reindex</c> carries on where it stopped. The
/// reindexer is resolved only when the run starts: the host creates hosted services before it validates options,
/// and creating the store reads them (as <c>StorageInitializer</c>).
/// </summary>
internal sealed class ReindexAtStartup(IServiceProvider services, IOptions<ReindexOptions> options, ILogger<ReindexAtStartup> logger) : BackgroundService
{
    /// <summary>The run, once started (tests wait for it).</summary>
    public Task<ReindexReport>? Run { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunAtStartup)
        {
            return;
        }

        // Off the start-up path: the host finishes starting while the run pages through the store.
        await Task.Yield();
        Run = services.GetRequiredService<Reindexer>().RunAsync(null, stoppingToken);
        try
        {
            await Run;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start carries on.
        }
        catch (Exception e)
        {
            ReindexLog.StartupFailed(logger, e);
        }
    }
}
