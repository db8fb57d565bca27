using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

// conditional update (https://hl7.org/fhir/R4/http.html#cond-update), with the id rules R4B and R5 spell out.
internal sealed partial class ResourceInteractions
{
    /// <summary>
    /// Updates the one resource the criteria match, or creates one when none does (with <paramref name="assignedId"/>
    /// when a transaction chose it); several matches are 412. Each attempt decides on what it read and writes only if
    /// that still holds (the matched version, the claim of the criteria), starting again when a concurrent writer got
    /// there first.
    /// </summary>
    public async Task<InteractionResult> ConditionalUpdateAsync(
        IResourceOperations ops,
        string type,
        IReadOnlyList<KeyValuePair<string, string>> criteria,
        ElementNode resource,
        Preconditions preconditions,
        CancellationToken cancellationToken,
        string? assignedId = null)
    {
        type = ResourceRules.RequireType(type);
        ResourceRules.RequireBodyType(resource, type);
        using var activity = InteractionTelemetry.Start("conditional-update", type);
        var bodyId = ResourceRules.IdOf(resource);
        if (bodyId is not null)
        {
            ResourceRules.RequireId(bodyId);
        }

        var prepared = await preparer.PrepareAsync(resource, "update", cancellationToken);
        var write = prepared.Write;
        var claim = new ConditionalClaim(CriteriaQuery.Canonical(type, criteria));
        for (var attempt = 1; ; attempt++)
        {
            var match = await MatchAsync(ops, type, criteria, cancellationToken);
            if (match.Ids.Count > 1)
            {
                throw WriteFailures.MultipleMatches(type, match.Ids.Count);
            }

            WriteResult result;
            if (match.Ids.Count == 1)
            {
                var id = match.Ids[0];
                if (bodyId is not null && bodyId != id)
                {
                    throw FhirException.Status(StatusCodes.Status400BadRequest, $"The criteria match {type}/{id}, but the body's id is '{bodyId}'.");
                }

                var current = await ops.ReadAsync(type, id, cancellationToken);
                if (current.Status != ReadStatus.Found)
                {
                    await RetryingAsync("update", type, attempt, cancellationToken);
                    continue;
                }

                if (preconditions.IfMatch is { } ifMatch && !ifMatch.Matches(current.Version!.VersionId))
                {
                    throw WriteFailures.VersionConflict(type, id, current.Version);
                }

                result = await ops.UpdateAsync(id, write, new UpdateOptions { ExpectedVersion = current.Version!.VersionId }, cancellationToken);
                if (result.Status == WriteStatus.VersionConflict)
                {
                    if (preconditions.IfMatch is not null)
                    {
                        throw WriteFailures.VersionConflict(type, id, result.Version);
                    }

                    await RetryingAsync("update", type, attempt, cancellationToken);
                    continue;
                }

                return Updated(type, id, result).With(prepared);
            }

            if (preconditions.IfMatch is not null)
            {
                throw FhirException.Status(StatusCodes.Status412PreconditionFailed, $"No {type} matches the criteria, so none has the version If-Match names.");
            }

            if (bodyId is not null)
            {
                // No match, but the client named an id: update as create, unless that id exists (and did not match).
                var existing = await ops.ReadAsync(type, bodyId, cancellationToken);
                if (existing.Status == ReadStatus.Found)
                {
                    throw FhirException.Status(StatusCodes.Status409Conflict, $"{type}/{bodyId} exists but does not match the criteria.");
                }

                result = await ops.UpdateAsync(bodyId, write, new UpdateOptions { AllowCreate = true }, cancellationToken);
            }
            else
            {
                // Created under the claim of the criteria, as a conditional create is, so concurrent conditional
                // updates with the same criteria create one resource and then update it.
                result = await ops.ConditionalCreateAsync(write with { AssignedId = assignedId }, claim, cancellationToken);
                if (result.Status == WriteStatus.Exists)
                {
                    // The holder is updated in the next round if it matches; if not, its claim is taken over.
                    if ((await MatchAsync(ops, type, criteria, cancellationToken)).Ids.Count == 0)
                    {
                        claim = claim with { ReplacingHolder = result.MatchedIds[0] };
                    }

                    await RetryingAsync("update", type, attempt, cancellationToken);
                    continue;
                }
            }

            return (result.Status == WriteStatus.Created ? Created(type, result) : Updated(type, bodyId ?? string.Empty, result)).With(prepared);
        }
    }
}
