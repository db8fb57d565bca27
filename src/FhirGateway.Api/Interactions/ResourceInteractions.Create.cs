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
        IResourceOperations ops, string type, ElementNode resource, Preconditions preconditions, CancellationToken cancellationToken, string? assignedId = null)
    {
        type = ResourceRules.RequireType(type);
        ResourceRules.RequireBodyType(resource, type);
        using var activity = InteractionTelemetry.Start(preconditions.IfNoneExist is null ? "create" : "conditional-create", type);

        // "If an id is provided, the server SHALL ignore it" (https://hl7.org/fhir/R4/http.html#create).
        resource.RemoveAll("id");
        var prepared = await preparer.PrepareAsync(resource, "create", cancellationToken);
        var write = prepared.Write with { AssignedId = assignedId };
        if (preconditions.IfNoneExist is not { } criteria)
        {
            return Created(type, await ops.CreateAsync(write, cancellationToken)).With(prepared);
        }

        var match = await MatchAsync(ops, type, CriteriaQuery.Parse(criteria), cancellationToken);
        if (match.Ids.Count > 0)
        {
            return await ExistingAsync(ops, type, match, cancellationToken);
        }

        // Race-free when the new resource holds every identity key the criteria imply: the store's unique keys decide
        // between concurrent creators. Otherwise the new resource does not meet the criteria, and neither would a
        // concurrent one: creating both is what the criteria allow.
        if (match.IdentityKeys.Count == 0 || match.IdentityKeys.Except(write.IdentityKeys, StringComparer.Ordinal).Any())
        {
            return Created(type, await ops.CreateAsync(write, cancellationToken)).With(prepared);
        }

        var result = await ops.ConditionalCreateAsync(write, cancellationToken);
        if (result.Status == WriteStatus.Created)
        {
            return Created(type, result).With(prepared);
        }

        // Another resource holds one of the keys: it matches the criteria (a concurrent creator won) or holds another
        // of this resource's identifiers.
        var again = await MatchAsync(ops, type, CriteriaQuery.Parse(criteria), cancellationToken);
        return again.Ids.Count > 0 ? await ExistingAsync(ops, type, again, cancellationToken) : throw WriteFailures.IdentityConflict(type);
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
        WriteStatus.IdentityConflict => throw WriteFailures.IdentityConflict(type),
        _ => throw WriteFailures.Unexpected(result.Status),
    };
}
