using FhirGateway.Fhir.Model;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Interactions;

// create and conditional create (https://hl7.org/fhir/R4/http.html#create, #ccreate).
internal sealed partial class ResourceInteractions
{
    /// <summary>
    /// Creates <paramref name="resource"/> with a server-assigned id (<paramref name="assignedId"/> when a transaction
    /// chose it), or, with If-None-Exist, only when nothing matches.
    /// </summary>
    public async Task<InteractionResult> CreateAsync(
        IResourceOperations ops, string type, ElementNode resource, Preconditions preconditions, CancellationToken cancellationToken, string? assignedId = null,
        PreparedWrite? prepared = null)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start(preconditions.IfNoneExist is null ? "create" : "conditional-create", type);
        prepared ??= await PrepareCreateAsync(type, resource, cancellationToken);
        var write = prepared.Write with { AssignedId = assignedId };
        if (preconditions.IfNoneExist is not { } criteria)
        {
            return Created(type, await ops.CreateAsync(write, cancellationToken)).With(prepared);
        }

        var parsed = CriteriaQuery.Parse(criteria);
        var match = await MatchAsync(ops, type, parsed, cancellationToken);
        if (match.Ids.Count > 0)
        {
            return await ExistingAsync(ops, type, match, cancellationToken);
        }

        // Race-free whatever the criteria: the store writes the resource only with the claim of the normalized
        // criteria, whose unique key lets one of several concurrent creators win (HAPI FHIR's HFJ_RES_SEARCH_URL
        // technique). A loser finds the claim held once the winner committed, and asks the criteria again.
        var claim = new ConditionalClaim(CriteriaQuery.Canonical(type, parsed));
        for (var attempt = 1; ; attempt++)
        {
            var result = await ops.ConditionalCreateAsync(write, claim, cancellationToken);
            if (result.Status != WriteStatus.Exists)
            {
                return Created(type, result).With(prepared);
            }

            var again = await MatchAsync(ops, type, parsed, cancellationToken);
            if (again.Ids.Count > 0)
            {
                return await ExistingAsync(ops, type, again, cancellationToken);
            }

            // The holder no longer matches (it was changed since, or never met its own criteria): nothing matches,
            // so this create may go ahead, taking the claim over if it is still that holder's.
            claim = claim with { ReplacingHolder = result.MatchedIds[0] };
            await RetryingAsync("create", type, attempt, cancellationToken);
        }
    }

    /// <summary>Checks, validates and indexes the resource of a create (with its id removed), ready for the store.</summary>
    public Task<PreparedWrite> PrepareCreateAsync(string type, ElementNode resource, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        ResourceRules.RequireBodyType(resource, type);

        // "If an id is provided, the server SHALL ignore it" (https://hl7.org/fhir/R4/http.html#create).
        resource.RemoveAll("id");
        return preparer.PrepareAsync(resource, "create", cancellationToken);
    }

    /// <summary>"One Match: The server ignores the post and returns 200 OK"; several: 412.</summary>
    private static async Task<InteractionResult> ExistingAsync(IResourceOperations ops, string type, ConditionalMatch match, CancellationToken cancellationToken)
    {
        if (match.Ids.Count > 1)
        {
            throw WriteFailures.MultipleMatches(type, match.Ids.Count);
        }

        var read = await ops.ReadAsync(type, match.Ids[0], cancellationToken);
        if (read.Status != ReadStatus.Found)
        {
            throw WriteFailures.NotReadable(read, type, match.Ids[0]);
        }

        return new InteractionResult(StatusCodes.Status200OK)
        {
            Version = read.Version,
            IsWrite = true,
            Location = InteractionResult.LocationOf(read.Version!),
            Message = $"{type}/{match.Ids[0]} already matches the criteria; nothing was created.",
        };
    }

    private static InteractionResult Created(string type, WriteResult result) => result.Status switch
    {
        WriteStatus.Created => new InteractionResult(StatusCodes.Status201Created)
        {
            Version = result.Version,
            IsWrite = true,
            Location = InteractionResult.LocationOf(result.Version!),
            Message = $"Created {type}/{result.Version!.Id} at version 1.",
        },
        _ => throw WriteFailures.Unexpected(result.Status),
    };
}
