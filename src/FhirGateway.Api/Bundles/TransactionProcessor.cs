using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// A transaction (https://hl7.org/fhir/R4/http.html#transaction): every entry in one unit of work of the store, all
/// or nothing. Entries run in the order of #trules (DELETE, POST, PUT/PATCH, GET); ids of new resources are chosen
/// first, so that references to entries' fullUrls (<c>urn:uuid:</c> and others) are rewritten to <c>Type/id</c> before
/// anything is written (https://hl7.org/fhir/R4/bundle.html#references). The first entry that fails fails the
/// Bundle: its status and an OperationOutcome naming the entry. A unit of work the database aborts for a concurrent
/// one (a PostgreSQL deadlock) runs again from the start.
/// </summary>
internal sealed class TransactionProcessor(EntryExecutor executor, TransactionIdentities identities, IResourceStore store, ILogger<TransactionProcessor> logger)
{
    private const int MaxAttempts = 4;

    public async Task<ResponseBundle> ProcessAsync(IReadOnlyList<ElementNode> entries, BundleRequestContext context, CancellationToken cancellationToken)
    {
        using var activity = InteractionTelemetry.Start("transaction", null);
        var requests = new List<EntryRequest>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            requests.Add(EntryFailure.Guard(i, () => EntryRequestParser.Parse(entries[i], i, context.BaseUrl)));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(requests, context, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxAttempts && e is TransientStorageException or ConcurrentMatchException)
            {
                InteractionTelemetry.TransactionRetried();
                InteractionLog.TransactionRetry(logger, e, requests.Count, attempt);
                await Task.Delay(Random.Shared.Next(5, 25) * attempt, cancellationToken);
            }
        }
    }

    private async Task<ResponseBundle> RunOnceAsync(List<EntryRequest> requests, BundleRequestContext context, CancellationToken cancellationToken)
    {
        // Every attempt works on fresh copies: ids are assigned and references rewritten in place.
        var working = requests.Select(r => r.Resource is null ? r : r with { Resource = r.Resource.DeepCopy() }).ToList();
        var ordered = working.OrderBy(e => e.ProcessingOrder).ThenBy(e => e.Index).ToList();

        // On SQLite the unit of work holds the single write lock from its start. When no identity depends on what is
        // stored, identities are decided and new resources validated and indexed before it starts, so that work runs
        // beside another transaction's writes instead of holding them up.
        TransactionPlan? early = null;
        var prepared = new PreparedWrite?[working.Count];
        if (!TransactionIdentities.NeedsStore(working))
        {
            early = await identities.ResolveAsync(null, working, context.BaseUrl, cancellationToken);
            foreach (var entry in ordered.Where(e => e.Kind == EntryKind.Create))
            {
                prepared[entry.Index] = await EntryFailure.GuardAsync(entry.Index, () => executor.PrepareCreateAsync(entry, cancellationToken));
            }
        }

        await using var unit = await store.BeginTransactionAsync(cancellationToken);
        var plan = early ?? await identities.ResolveAsync(unit, working, context.BaseUrl, cancellationToken);

        var results = new EntryResult[working.Count];
        foreach (var entry in ordered)
        {
            var i = entry.Index;
            results[i] = plan.Existing[i] is { } existing
                ? new EntryResult(existing, null)
                : await EntryFailure.GuardAsync(i, () => executor.ExecuteAsync(unit, entry, context.BaseUrl, plan.AssignedIds[i], cancellationToken, prepared[i]));
            plan.CheckOutcome(entry, results[i].Result);
            InteractionTelemetry.EntryProcessed("transaction", true);
        }

        await unit.CommitAsync(cancellationToken);
        var response = new ResponseBundle("transaction-response");
        response.Entries.AddRange(results.Select(r => EntryResponses.From(r, context.Preference, context.BaseUrl, context.TraceId)));
        InteractionLog.BundleProcessed(logger, "transaction", working.Count, 0);
        return response;
    }
}
