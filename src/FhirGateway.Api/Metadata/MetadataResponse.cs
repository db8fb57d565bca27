using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Outcomes;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.Metadata;

/// <summary>
/// Answers GET [base]/metadata from <see cref="CapabilityStatementCache"/>, with an ETag and Last-Modified so clients
/// can revalidate (If-None-Match, If-Modified-Since answer 304).
/// </summary>
internal static class MetadataResponse
{
    public static async Task WriteAsync(HttpContext context, CapabilityStatementCache cache, FhirBaseUrl baseUrl)
    {
        CheckMode(context.Request);
        var statement = cache.Get(baseUrl.For(context.Request), ResponseFormat.Of(context));
        var response = context.Response;
        response.Headers.ETag = statement.ETag;
        response.Headers.LastModified = HttpDates.Format(statement.LastModified);

        // The body differs by the negotiated format, which Accept may choose (RFC 9110 section 12.5.5).
        response.Headers.Vary = HeaderNames.Accept;
        if (NotModified(context.Request, statement))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = FhirSerializers.ContentType(ResponseFormat.Of(context).Format);
        response.ContentLength = statement.Body.Length;
        await response.Body.WriteAsync(statement.Body, context.RequestAborted);
    }

    // https://hl7.org/fhir/R4/http.html#capabilities: mode=full (the default) is the whole statement; mode=normative
    // asks for its normative parts, and every element of CapabilityStatement is normative in R4, so it is the same
    // statement; mode=terminology asks for a TerminologyCapabilities resource, which a server without a terminology
    // service does not have.
    private static void CheckMode(HttpRequest request)
    {
        var mode = request.Query["mode"];
        if (mode.Count == 0)
        {
            return;
        }

        switch (mode.ToString())
        {
            case "full" or "normative":
                return;
            case "terminology":
                throw new FhirException(
                    StatusCodes.Status400BadRequest,
                    "not-supported",
                    "mode=terminology is not supported: this server has no terminology service and no TerminologyCapabilities.");
            default:
                throw FhirException.Status(
                    StatusCodes.Status400BadRequest,
                    $"mode must be full, normative or terminology (https://hl7.org/fhir/R4/http.html#capabilities), not '{mode}'.");
        }
    }

    // RFC 9110 section 13.1.2: If-None-Match with a weak comparison; If-Modified-Since only without it (13.1.3).
    private static bool NotModified(HttpRequest request, CachedStatement statement)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
                tags.Any(t => t.Tag == "*" || t.Compare(EntityTagHeaderValue.Parse(statement.ETag), useStrongComparison: false));
        }

        return request.Headers.IfModifiedSince is [{ } since] &&
            HeaderUtilities.TryParseDate(since, out var date) && HttpDates.NotModifiedSince(statement.LastModified, date);
    }
}
