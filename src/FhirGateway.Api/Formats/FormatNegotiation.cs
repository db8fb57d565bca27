using FhirGateway.Api.Outcomes;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.Formats;

/// <summary>
/// Chooses the response format from <c>_format</c> (which wins) or the Accept header
/// (https://hl7.org/fhir/R4/http.html#mime-type), and refuses with 406 what cannot be served.
/// </summary>
internal static class FormatNegotiation
{
    private const string FormatParameter = "_format";
    private const string PrettyParameter = "_pretty";

    public static ResponseFormat Negotiate(HttpRequest request)
    {
        var pretty = string.Equals(request.Query[PrettyParameter], "true", StringComparison.Ordinal);
        var format = request.Query[FormatParameter].ToString() is { Length: > 0 } requested
            ? FromFormatParameter(requested)
            : FromAccept(request.Headers.Accept);
        return new ResponseFormat(format, pretty);
    }

    private static FhirFormat FromFormatParameter(string value)
    {
        // _format takes the short names or any of the media types; a space stands for the '+' a query string decodes.
        var format = FormatOf(value.Replace(' ', '+').Split(';')[0].Trim());
        if (format is { } f && FhirSerializers.Supported.Contains(f))
        {
            return f;
        }

        throw NotAcceptable($"_format={value} is not a format this server can return.");
    }

    private static FhirFormat FromAccept(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes) || mediaTypes.Count == 0)
        {
            // No usable Accept header: JSON, the gateway's default.
            return FhirSerializers.Supported[0];
        }

        foreach (var mediaType in mediaTypes.Where(m => m.Quality is not 0).OrderByDescending(m => m.Quality ?? 1))
        {
            var name = mediaType.MediaType.Value ?? string.Empty;
            if (name is "*/*" or "application/*")
            {
                return FhirSerializers.Supported[0];
            }

            if (FormatOf(name) is { } f && FhirSerializers.Supported.Contains(f))
            {
                return f;
            }
        }

        throw NotAcceptable("The Accept header names no format this server can return; it returns " +
            string.Join(" or ", FhirSerializers.Supported.Select(FhirSerializers.MediaType)) + ".");
    }

    private static FhirFormat? FormatOf(string name) => name.ToLowerInvariant() switch
    {
        // application/json+fhir is the DSTU2 name, still sent by older clients.
        "json" or "application/json" or "application/fhir+json" or "application/json+fhir" => FhirFormat.Json,
        "xml" or "text/xml" or "application/xml" or "application/fhir+xml" or "application/xml+fhir" => FhirFormat.Xml,
        _ => null,
    };

    private static FhirException NotAcceptable(string message) =>
        new(StatusCodes.Status406NotAcceptable, IssueTypes.ForStatus(StatusCodes.Status406NotAcceptable), message);
}
