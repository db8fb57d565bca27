using System.Text.Json.Nodes;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.Patch;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

// patch with JSON Patch (https://hl7.org/fhir/R4/http.html#patch), and conditional patch.
internal sealed partial class ResourceInteractions
{
    /// <summary>Parses a JSON Patch document; 400 when it is malformed.</summary>
    public static JsonPatchDocument ParsePatch(ReadOnlyMemory<byte> document)
    {
        try
        {
            return JsonPatchDocument.Parse(document);
        }
        catch (JsonPatchException e)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>
    /// Applies the patch to the current version's JSON, reads the result back as a resource (it must stay a valid
    /// resource of the same type and id) and writes it as the next version of exactly the version patched. Without
    /// If-Match, a concurrent write makes it start again from the new version.
    /// </summary>
    public async Task<InteractionResult> PatchAsync(
        IResourceOperations ops, string type, string id, JsonPatchDocument patch, Preconditions preconditions, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start("patch", type);
        for (var attempt = 1; ; attempt++)
        {
            var read = await ops.ReadAsync(type, id, cancellationToken);
            if (read.Status != ReadStatus.Found)
            {
                throw WriteFailures.NotReadable(read, type, id);
            }

            var current = read.Version!;
            if (preconditions.IfMatch is { } ifMatch && !ifMatch.Matches(current.VersionId))
            {
                throw WriteFailures.VersionConflict(type, id, current);
            }

            var patched = Patched(current, patch, type, id);
            var prepared = await preparer.PrepareAsync(patched, "update", cancellationToken);
            var result = await ops.UpdateAsync(id, prepared.Write, new UpdateOptions { ExpectedVersion = current.VersionId, IsPatch = true }, cancellationToken);
            if (result.Status == WriteStatus.VersionConflict && preconditions.IfMatch is null)
            {
                await RetryingAsync("patch", type, attempt, cancellationToken);
                continue;
            }

            return Updated(type, id, result).With(prepared);
        }
    }

    public async Task<InteractionResult> ConditionalPatchAsync(
        IResourceOperations ops, string type, IReadOnlyList<KeyValuePair<string, string>> criteria, JsonPatchDocument patch, Preconditions preconditions, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        var match = await MatchAsync(ops, type, criteria, cancellationToken);
        return match.Ids.Count switch
        {
            0 => throw FhirException.Status(StatusCodes.Status404NotFound, $"No {type} matches the criteria."),
            1 => await PatchAsync(ops, type, match.Ids[0], patch, preconditions, cancellationToken),
            _ => throw WriteFailures.MultipleMatches(type, match.Ids.Count),
        };
    }

    private static ElementNode Patched(ResourceVersion current, JsonPatchDocument patch, string type, string id)
    {
        JsonNode result;
        try
        {
            result = patch.Apply(JsonNode.Parse(current.Json.Span)!);
        }
        catch (JsonPatchException e)
        {
            // RFC 5789 section 2.2: a patch that cannot be applied to the resource is unprocessable.
            throw FhirException.Status(StatusCodes.Status422UnprocessableEntity, e.Message);
        }

        var read = FhirJsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(result.ToJsonString()), options: FhirReaderOptions.Inbound);
        if (!read.Success)
        {
            throw new FhirException(
                StatusCodes.Status422UnprocessableEntity,
                "processing",
                "The patched resource is not a valid FHIR resource.",
                OperationOutcomeFactory.FromIssues(read.Issues.Where(i => i.IsError), "Patched resource: "));
        }

        var resource = read.Resource!;
        if (resource.Type.Name != type || ResourceRules.IdOf(resource) != id)
        {
            throw FhirException.Status(StatusCodes.Status422UnprocessableEntity, $"A patch must not change the resource type or id of {type}/{id}.");
        }

        return resource;
    }
}
