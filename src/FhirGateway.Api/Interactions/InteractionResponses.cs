using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// Answers an interaction over HTTP (https://hl7.org/fhir/R4/http.html): ETag and Last-Modified of the version,
/// Location, and the body: the resource as stored for reads, and for writes what <c>Prefer: return=</c> asks for.
/// </summary>
internal static class InteractionResponses
{
    public static Task WriteAsync(HttpContext context, InteractionResult result)
    {
        var response = context.Response;
        if (result.Version is { } version)
        {
            response.Headers.ETag = ETags.Of(version.VersionId);
            response.Headers.LastModified = HttpDates.Format(version.LastUpdated);
        }

        if (result.Location is { } location)
        {
            response.Headers.Location = context.RequestServices.GetRequiredService<FhirBaseUrl>().For(context.Request) + "/" + location;
        }

        if (result.Outcome is { } outcome)
        {
            return FhirResourceResult.WriteAsync(context, outcome, result.StatusCode);
        }

        var preference = result.IsWrite ? PreferHeader.Of(context.Request).Return : ReturnPreference.Representation;
        if (preference == ReturnPreference.OperationOutcome && result.Message is { } message)
        {
            var informational = OperationOutcomes.Success(TraceIds.Of(context), message, result.Warnings);
            var status = result.StatusCode == StatusCodes.Status204NoContent ? StatusCodes.Status200OK : result.StatusCode;
            return FhirResourceResult.WriteAsync(context, informational, status);
        }

        if (preference == ReturnPreference.Representation && result.StatusCode != StatusCodes.Status304NotModified &&
            result.Version is { IsDeleted: false } current)
        {
            return result.SubsetResource() is { } subset
                ? FhirResourceResult.WriteAsync(context, subset, result.StatusCode)
                : StoredResources.WriteAsync(context, current, result.StatusCode);
        }

        response.StatusCode = result.StatusCode;
        return Task.CompletedTask;
    }
}
