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
        var placeholders = Placeholders(entries);
        MappedError? unavailable = null;
        for (var i = 0; i < entries.Count; i++)
        {
            ResponseEntry entry;
            if (unavailable is not null)
            {
                // Once the database is found unavailable, the entries after it are answered so at once rather than
                // each waiting out its own connection attempt.
                entry = EntryResponses.FromError(unavailable, context.TraceId);
                failed++;
            }
            else
            {
                entry = await RunAsync(entries[i], i);
            }

            InteractionTelemetry.EntryProcessed("batch", entry.Status[0] is '2' or '3');
            response.Entries.Add(entry);
        }

        InteractionLog.BundleProcessed(logger, "batch", entries.Count, failed);
        return response;

        async Task<ResponseEntry> RunAsync(ElementNode node, int i)
        {
            try
            {
                var request = EntryRequestParser.Parse(node, i, context.BaseUrl);
                RequireIndependent(request, placeholders);
                var result = await executor.ExecuteAsync(store, request, context.BaseUrl, null, cancellationToken);
                return EntryResponses.From(result, context.Preference, context.BaseUrl, context.TraceId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = ExceptionMapping.Map(e);
                if (e is StorageUnavailableException)
                {
                    unavailable = error;
                }

                if (error.IsServerError)
                {
                    OutcomesLog.UnhandledException(logger, e, e.GetType().FullName ?? e.GetType().Name, "POST", "batch entry", context.TraceId);
                }

                failed++;
                return EntryResponses.FromError(error, context.TraceId);
            }
        }
    }

    /// <summary>The fullUrls that only stand in for a resource until it is created (urn:uuid:, urn:oid:).</summary>
    private static HashSet<string> Placeholders(IReadOnlyList<ElementNode> entries) =>
        entries.Select(e => e.Child("fullUrl")?.Value).OfType<string>().Where(IsPlaceholder).ToHashSet(StringComparer.Ordinal);

    private static bool IsPlaceholder(string url) => url.StartsWith("urn:uuid:", StringComparison.Ordinal) || url.StartsWith("urn:oid:", StringComparison.Ordinal);

    /// <summary>
    /// https://hl7.org/fhir/R4/http.html#brules: "there SHALL be no interdependencies between the different entries in
    /// the Bundle" and "Servers SHALL validate that this is the case". A batch resolves no placeholders, so a
    /// <c>urn:uuid:</c> or <c>urn:oid:</c> reference would be stored pointing at nothing: the entry fails with 400, as
    /// a transaction's reference naming no entry does.
    /// </summary>
    private static void RequireIndependent(EntryRequest request, HashSet<string> placeholders)
    {
        if (request.Resource is not { } resource || ReferenceRewriter.References(resource).FirstOrDefault(IsPlaceholder) is not { } reference)
        {
            return;
        }

        throw FhirException.Status(
            StatusCodes.Status400BadRequest,
            placeholders.Contains(reference)
                ? $"Bundle.entry[{request.Index}] refers to another entry of the batch ({reference}). Batch entries must not depend on each other; a transaction resolves such references."
                : $"Bundle.entry[{request.Index}] refers to {reference}, which names no resource: such references resolve only to entries of a transaction.");
    }
}

/// <summary>What every entry of one Bundle request shares.</summary>
/// <param name="BaseUrl">The absolute base URL.</param>
/// <param name="Preference">The client's return preference, for every write entry.</param>
/// <param name="TraceId">The request's trace id, for OperationOutcome ids.</param>
internal sealed record BundleRequestContext(string BaseUrl, ReturnPreference Preference, string TraceId);
