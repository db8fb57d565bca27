using FhirGateway.Api.Interactions;

namespace FhirGateway.Api.Bundles;

/// <summary>What a transaction decided before writing: the ids of new resources, and the entries whose condition is already met.</summary>
/// <param name="AssignedIds">Per entry, the id chosen for the resource it creates, if it creates one.</param>
/// <param name="Existing">Per entry, the result of a conditional create whose match exists (nothing to write).</param>
/// <param name="PlannedIds">Per entry, the id its resource was given in rewritten references.</param>
internal sealed record TransactionPlan(string?[] AssignedIds, InteractionResult?[] Existing, string?[] PlannedIds)
{
    /// <summary>
    /// Checks an entry ended on the resource its references were rewritten to: a conditional entry that created
    /// where the plan found a match, or matched where it planned a create, met a concurrent writer; the transaction
    /// then runs again.
    /// </summary>
    public void CheckOutcome(EntryRequest entry, InteractionResult result)
    {
        if (PlannedIds[entry.Index] is { } planned && result.Version is { } version && version.Id != planned)
        {
            throw new ConcurrentMatchException();
        }
    }
}
