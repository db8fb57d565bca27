using FhirGateway.Api.Outcomes;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

// delete and conditional delete (https://hl7.org/fhir/R4/http.html#delete, #cdelete).
internal sealed partial class ResourceInteractions
{
    public async Task<InteractionResult> DeleteAsync(IResourceOperations ops, string type, string id, Preconditions preconditions, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start("delete", type);
        return Deleted(type, id, preconditions, await ops.DeleteAsync(type, id, new DeleteOptions { ExpectedVersion = preconditions.IfMatch?.VersionId }, cancellationToken));
    }

    /// <summary>
    /// Deletes the one resource the criteria match. "No matches or One Match: The server performs an ordinary delete on
    /// the matching resource"; with several this server answers 412 rather than deleting them all.
    /// </summary>
    public async Task<InteractionResult> ConditionalDeleteAsync(
        IResourceOperations ops, string type, IReadOnlyList<KeyValuePair<string, string>> criteria, Preconditions preconditions, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start("conditional-delete", type);
        var match = await MatchAsync(ops, type, criteria, cancellationToken);
        return match.Ids.Count switch
        {
            0 when preconditions.IfMatch is not null => throw FhirException.Status(StatusCodes.Status412PreconditionFailed, $"No {type} matches the criteria."),
            0 => new InteractionResult(StatusCodes.Status204NoContent) { IsWrite = true, Message = $"No {type} matches the criteria; nothing was deleted." },
            1 => Deleted(type, match.Ids[0], preconditions, await ops.DeleteAsync(type, match.Ids[0], new DeleteOptions { ExpectedVersion = preconditions.IfMatch?.VersionId }, cancellationToken)),
            _ => throw WriteFailures.MultipleMatches(type, match.Ids.Count),
        };
    }

    private static InteractionResult Deleted(string type, string id, Preconditions preconditions, WriteResult result) => result.Status switch
    {
        WriteStatus.Deleted => new InteractionResult(StatusCodes.Status204NoContent) { Version = result.Version, IsWrite = true, Message = $"Deleted {type}/{id}." },

        // "Performing this interaction on a resource that is already deleted has no effect"; nor on one never seen.
        WriteStatus.AlreadyDeleted => new InteractionResult(StatusCodes.Status204NoContent) { Version = result.Version, IsWrite = true, Message = $"{type}/{id} was already deleted." },
        WriteStatus.NotFound when preconditions.IfMatch is not null => throw WriteFailures.VersionConflict(type, id, null),
        WriteStatus.NotFound => new InteractionResult(StatusCodes.Status204NoContent) { IsWrite = true, Message = $"{type}/{id} is not known; nothing was deleted." },
        WriteStatus.VersionConflict => throw WriteFailures.VersionConflict(type, id, result.Version),
        _ => throw WriteFailures.Unexpected(result.Status),
    };
}
