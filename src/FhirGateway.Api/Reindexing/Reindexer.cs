using System.Diagnostics;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Reindexing;

/// <summary>
/// Re-extracts the index rows of current resources stored under other search parameter definitions than the running
/// ones (a database older than search, an upgrade that changed SearchParameters, a gateway SearchParameter file added
/// by an operator). It pages through the stale resources by store key, extracts each batch's rows outside any
/// transaction, and writes them in one short transaction per batch, each resource only when it is still at the
/// version read (<see cref="IReindexStore.ReplaceIndexAsync"/>): a write during the run is never overwritten, and
/// several instances may run at once. Runs never block each other, nor normal requests for longer than a batch.
/// </summary>
internal sealed class Reindexer(IReindexStore store, IResourceIndexer indexer, IOptions<ReindexOptions> options, TimeProvider clock, ILogger<Reindexer> logger)
{
    private const int MaxBusyAttempts = 5;

    public async Task<ReindexReport> RunAsync(string? resourceType, CancellationToken cancellationToken)
    {
        var scope = resourceType ?? "all types";
        if (indexer.Fingerprint is not { } fingerprint)
        {
            return new ReindexReport(null, 0, 0, 0);
        }

        using var activity = ReindexTelemetry.Start(resourceType);
        var started = Stopwatch.GetTimestamp();
        var stale = await store.CountStaleAsync(fingerprint, resourceType, cancellationToken);
        if (stale == 0)
        {
            ReindexLog.Current(logger, scope, fingerprint);
            return new ReindexReport(fingerprint, 0, 0, 0);
        }

        ReindexLog.Started(logger, scope, stale, fingerprint);
        long examined = 0, reindexed = 0, failed = 0, after = 0;
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            var batch = await store.FindStaleAsync(fingerprint, resourceType, after, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var items = new List<ReindexedResource>(batch.Count);
            foreach (var resource in batch)
            {
                var read = FhirJsonReader.Parse(resource.Version.Json.Span);
                if (read.Resource is null)
                {
                    failed++;
                    ReindexLog.Unreadable(logger, resource.Version.ResourceType, read.Issues.FirstOrDefault()?.Code ?? "no resource");
                    continue;
                }

                items.Add(new ReindexedResource(resource, indexer.Index(read.Resource).Rows));
            }

            var replaced = await ReplaceAsync(items, fingerprint, scope, cancellationToken);
            examined += batch.Count;
            reindexed += replaced;
            after = batch[^1].Key;
            ReindexTelemetry.Record(resourceType, replaced);
            ReindexLog.Batch(logger, scope, batch.Count, replaced);
        }

        ReindexLog.Finished(logger, scope, reindexed, examined, failed, Stopwatch.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("fhirgateway.reindex.count", reindexed);
        return new ReindexReport(fingerprint, examined, reindexed, failed);
    }

    private async Task<int> ReplaceAsync(List<ReindexedResource> items, string fingerprint, string scope, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.ReplaceIndexAsync(items, fingerprint, cancellationToken);
            }
            catch (TransientStorageException e) when (attempt < MaxBusyAttempts)
            {
                // Nothing committed; the compare-and-set makes running the batch again safe.
                ReindexLog.Busy(logger, e, scope, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), clock, cancellationToken);
            }
        }
    }
}
