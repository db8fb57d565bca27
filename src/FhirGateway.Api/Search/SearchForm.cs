using System.Text;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.RequestBodies;
using FhirGateway.Search.Query;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.Search;

/// <summary>
/// The body of <c>POST [base]/[type]/_search</c>: <c>application/x-www-form-urlencoded</c> parameters
/// (https://hl7.org/fhir/R4/http.html#search), at most <c>Fhir:MaxRequestBodyBytes</c>.
/// </summary>
internal static class SearchForm
{
    public const string MediaType = "application/x-www-form-urlencoded";

    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || (request.ContentType is null && request.ContentLength is null))
        {
            return [];
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !string.Equals(mediaType.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw FhirException.Status(StatusCodes.Status415UnsupportedMediaType, $"A _search body must be {MediaType}.");
        }

        // Decoded by its Content-Encoding and limited like every body (RequestBodyReader).
        var body = await context.RequestServices.GetRequiredService<RequestBodyReader>().ReadBytesAsync(context);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, "The _search body is not UTF-8.");
        }

        return QueryStrings.Parse(text);
    }
}
