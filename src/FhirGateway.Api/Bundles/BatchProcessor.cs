using FhirGateway.Api.Headers;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// A batch (https://hl7.org/fhir/R4/http.html#transaction): each entry is its own interaction, in its own database
/// transaction, and succeeds or fails on its own; the batch-response has an entry per request entry, in order.
/// </summary>
internal sealed class BatchProcessor(EntryExecutor executor, IResourceStore store, ILogger<BatchProcessor> logger)
{
    public async Task<ResponseBundle> ProcessAsync(IReadOnlyList<ElementNode> entries, BundleRequestContext context, CancellationToken cancellationToken)
    {
        using var activity = InteractionTelemetry.Start("batch", null);
        var response = new ResponseBundle("batch-response");
        var failed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            ResponseEntry entry;
            try
            {
                var request = EntryRequestParser.Parse(entries[i], i, context.BaseUrl);
                var result = await executor.ExecuteAsync(store, request, context.BaseUrl, null, cancellationToken);
                entry = EntryResponses.From(result, context.Preference, context.TraceId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = ExceptionMapping.Map(e);
                if (error.IsServerError)
                {
                    OutcomesLog.UnhandledException(logger, e, e.GetType().FullName ?? e.GetType().Name, "POST", "batch entry", context.TraceId);
                }

                entry = EntryResponses.FromError(error, context.TraceId);
                failed++;
            }

            InteractionTelemetry.EntryProcessed("batch", entry.Status[0] is '2' or '3');
            response.Entries.Add(entry);
        }

        InteractionLog.BundleProcessed(logger, "batch", entries.Count, failed);
        return response;
    }
}

/// <summary>What every entry of one Bundle request shares.</summary>
/// <param name="BaseUrl">The absolute base URL.</param>
/// <param name="Preference">The client's return preference, for every write entry.</param>
/// <param name="TraceId">The request's trace id, for OperationOutcome ids.</param>
internal sealed record BundleRequestContext(string BaseUrl, ReturnPreference Preference, string TraceId);
