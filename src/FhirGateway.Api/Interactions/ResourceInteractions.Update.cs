using System.Globalization;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

// update, update as create and version-aware update (https://hl7.org/fhir/R4/http.html#update, #upsert, #concurrency).
internal sealed partial class ResourceInteractions
{
    public async Task<InteractionResult> UpdateAsync(
        IResourceOperations ops, string type, string id, ElementNode resource, Preconditions preconditions, CancellationToken cancellationToken)
    {
        type = ResourceRules.RequireType(type);
        id = ResourceRules.RequireId(id);
        ResourceRules.RequireBodyType(resource, type);

        // "The request body SHALL be a Resource with an id element that has an identical value to the [id] in the URL."
        if (ResourceRules.IdOf(resource) != id)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, $"The body's id must be '{id}', the id in the URL (https://hl7.org/fhir/R4/http.html#update).");
        }

        using var activity = InteractionTelemetry.Start("update", type);
        var prepared = await preparer.PrepareAsync(resource, "update", cancellationToken);
        if (preconditions.IfNoneMatch is { } ifNoneMatch)
        {
            return (await UpdateUnlessMatchAsync(ops, type, id, prepared.Write, ifNoneMatch, cancellationToken)).With(prepared);
        }

        // If-Match: * asks for a current version of any number; with a version, the store compares it.
        var options = new UpdateOptions { ExpectedVersion = preconditions.IfMatch?.VersionId, AllowCreate = preconditions.IfMatch is null };
        return Updated(type, id, await ops.UpdateAsync(id, prepared.Write, options, cancellationToken)).With(prepared);
    }

    /// <summary>
    /// If-None-Match on an update: <c>*</c> creates only; a version refuses to replace that version. The write runs in
    /// a unit of work and is undone when the version it replaced fails the condition, so concurrent requests cannot
    /// slip between a check and the write; inside a transaction Bundle the refusal undoes the whole Bundle.
    /// </summary>
    private static async Task<InteractionResult> UpdateUnlessMatchAsync(
        IResourceOperations ops, string type, string id, ResourceWrite write, Headers.VersionMatch ifNoneMatch, CancellationToken cancellationToken)
    {
        if (ops is not IResourceStore store)
        {
            return Checked(await ops.UpdateAsync(id, write, new UpdateOptions { AllowCreate = true }, cancellationToken));
        }

        await using var unit = await store.BeginTransactionAsync(cancellationToken);
        var result = Checked(await unit.UpdateAsync(id, write, new UpdateOptions { AllowCreate = true }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
        return result;

        InteractionResult Checked(WriteResult result)
        {
            // Updated means a current version existed: the one just replaced, numbered one below the new one.
            if (result.Status == WriteStatus.Updated && ifNoneMatch.Matches(result.Version!.VersionId - 1))
            {
                throw FhirException.Status(
                    StatusCodes.Status412PreconditionFailed,
                    ifNoneMatch.IsAny
                        ? $"{type}/{id} exists, and If-None-Match: * allows only its creation."
                        : $"The current version of {type}/{id} is the one If-None-Match names.");
            }

            return Updated(type, id, result);
        }
    }

    private static InteractionResult Updated(string type, string id, WriteResult result) => result.Status switch
    {
        WriteStatus.Updated => new InteractionResult(StatusCodes.Status200OK)
        {
            Version = result.Version,
            IsWrite = true,
            Message = $"Updated {type}/{id} to version {result.Version!.VersionId.ToString(CultureInfo.InvariantCulture)}.",
        },

        // "201 Created ... if the resource was created (or brought back to life/re-created)"; Location for HTTP's sake.
        WriteStatus.Created => new InteractionResult(StatusCodes.Status201Created)
        {
            Version = result.Version,
            IsWrite = true,
            Location = InteractionResult.LocationOf(result.Version!),
            Message = $"Created {type}/{id} at version {result.Version!.VersionId.ToString(CultureInfo.InvariantCulture)}.",
        },
        WriteStatus.VersionConflict or WriteStatus.NotFound => throw WriteFailures.VersionConflict(type, id, result.Version),
        _ => throw WriteFailures.Unexpected(result.Status),
    };
}
