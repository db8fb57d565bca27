using FhirGateway.Api.History;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Search;
using FhirGateway.Fhir.Model;
using FhirGateway.Search;
using FhirGateway.Storage;

namespace FhirGateway.Api.Bundles;

/// <summary>Runs one Bundle entry's interaction against a store (batch) or a unit of work (transaction).</summary>
internal sealed class EntryExecutor(ResourceInteractions interactions, HistoryInteractions history, SearchService search)
{
    /// <summary>Validates and indexes the resource of a create entry, as <see cref="ExecuteAsync"/> would before writing it.</summary>
    public Task<PreparedWrite> PrepareCreateAsync(EntryRequest entry, CancellationToken cancellationToken) =>
        interactions.PrepareCreateAsync(entry.Type!, entry.Resource!, cancellationToken);

    /// <summary>
    /// Runs <paramref name="entry"/>; <paramref name="assignedId"/> is the id a transaction chose for a resource it
    /// creates. Refusals are thrown as for a plain request.
    /// </summary>
    public async Task<EntryResult> ExecuteAsync(
        IResourceOperations ops, EntryRequest entry, string baseUrl, string? assignedId, CancellationToken cancellationToken, PreparedWrite? prepared = null)
    {
        var type = entry.Type!;
        var pre = entry.Preconditions;
        var result = entry.Kind switch
        {
            EntryKind.Read => await interactions.ReadAsync(ops, type, entry.Id!, pre, cancellationToken, ReadSubsets.Of(entry.Query, type, strict: false)),
            EntryKind.VRead => await interactions.VReadAsync(ops, type, entry.Id!, entry.VersionId!, cancellationToken, ReadSubsets.Of(entry.Query, type, strict: false)),
            EntryKind.Create => await interactions.CreateAsync(ops, type, entry.Resource!, pre, cancellationToken, assignedId, prepared),
            EntryKind.Update => await interactions.UpdateAsync(ops, type, entry.Id!, entry.Resource!, pre, cancellationToken),
            EntryKind.ConditionalUpdate => await interactions.ConditionalUpdateAsync(ops, type, entry.Criteria, entry.Resource!, pre, cancellationToken, assignedId),
            EntryKind.Patch => await interactions.PatchAsync(ops, type, entry.Id!, ResourceInteractions.ParsePatch(entry.Patch), pre, cancellationToken),
            EntryKind.ConditionalPatch => await interactions.ConditionalPatchAsync(ops, type, entry.Criteria, ResourceInteractions.ParsePatch(entry.Patch), pre, cancellationToken),
            EntryKind.Delete => await interactions.DeleteAsync(ops, type, entry.Id!, pre, cancellationToken),
            EntryKind.ConditionalDelete => await interactions.ConditionalDeleteAsync(ops, type, entry.Criteria, pre, cancellationToken),
            _ => null,
        };

        if (result is not null)
        {
            return new EntryResult(result, null);
        }

        if (entry.Kind == EntryKind.Search)
        {
            // Inside a transaction the search runs in its unit of work, after its writes (https://hl7.org/fhir/R4/http.html#trules).
            var within = ops as IResourceTransaction;
            var outcome = await search.SearchAsync(entry.Type, entry.Query, new SearchOptions { BaseUrl = baseUrl, Compartment = entry.Compartment, Within = within }, cancellationToken);
            return outcome.IsValid
                ? new EntryResult(new InteractionResult(StatusCodes.Status200OK), null) { Searchset = outcome.ToBundle(baseUrl) }
                : throw SearchRequests.Refusal(outcome);
        }

        var self = $"{baseUrl}/{entry.Url.TrimStart('/')}";
        var bundle = await history.HistoryAsync(baseUrl, self, entry.Type, entry.Id, entry.Query, false, cancellationToken, ops as IResourceTransaction);
        return new EntryResult(new InteractionResult(StatusCodes.Status200OK), bundle);
    }
}

/// <summary>The result of one entry: the interaction's, and for a history request its Bundle.</summary>
internal sealed record EntryResult(InteractionResult Result, ResponseBundle? History)
{
    /// <summary>The searchset Bundle of a search entry.</summary>
    public ElementNode? Searchset { get; init; }
}
