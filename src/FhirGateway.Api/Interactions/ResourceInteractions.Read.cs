using FhirGateway.Api.Headers;
using FhirGateway.Api.Outcomes;
using FhirGateway.Search.Results;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

// read and vread (https://hl7.org/fhir/R4/http.html#read, #vread), with the conditional read headers (#cread).
internal sealed partial class ResourceInteractions
{
    public async Task<InteractionResult> ReadAsync(
        IResourceOperations ops, string type, string id, Preconditions preconditions, CancellationToken cancellationToken, ReadSubset? subset = null)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start("read", type);
        var read = await ops.ReadAsync(type, id, cancellationToken);
        if (read.Status != ReadStatus.Found)
        {
            throw WriteFailures.NotReadable(read, type, id);
        }

        var version = read.Version!;
        var notModified =
            (preconditions.IfNoneMatch is { } etag && etag.Matches(version.VersionId)) ||
            (preconditions.IfNoneMatch is null && preconditions.IfModifiedSince is { } since && HttpDates.NotModifiedSince(version.LastUpdated, since));
        return new InteractionResult(notModified ? StatusCodes.Status304NotModified : StatusCodes.Status200OK) { Version = version, Subset = subset };
    }

    public async Task<InteractionResult> VReadAsync(
        IResourceOperations ops, string type, string id, string versionId, CancellationToken cancellationToken, ReadSubset? subset = null)
    {
        type = ResourceRules.RequireType(type);
        using var activity = InteractionTelemetry.Start("vread", type);
        if (!long.TryParse(versionId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw FhirException.Status(StatusCodes.Status404NotFound, $"{type}/{id} has no version '{versionId}'.");
        }

        var read = await ops.VReadAsync(type, id, version, cancellationToken);
        return read.Status switch
        {
            ReadStatus.Found => new InteractionResult(StatusCodes.Status200OK) { Version = read.Version, Subset = subset },
            ReadStatus.Gone => throw FhirException.Status(StatusCodes.Status410Gone, $"Version {versionId} of {type}/{id} is its deletion."),
            _ => throw FhirException.Status(StatusCodes.Status404NotFound, $"{type}/{id} has no version {versionId}."),
        };
    }
}
