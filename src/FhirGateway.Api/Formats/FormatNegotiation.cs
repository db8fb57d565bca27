using FhirGateway.Api.Outcomes;
using Microsoft.Extensions.Primitives;
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

    /// <summary>The format to answer <paramref name="request"/> in; throws a 406 <see cref="FhirException"/> when there is none.</summary>
    public static ResponseFormat Negotiate(HttpRequest request) =>
        TryNegotiate(request, out var format, out var refusal)
            ? format
            : throw new FhirException(StatusCodes.Status406NotAcceptable, IssueTypes.ForStatus(StatusCodes.Status406NotAcceptable), refusal);

    public static bool TryNegotiate(HttpRequest request, out ResponseFormat format, out string refusal)
    {
        var pretty = string.Equals(request.Query[PrettyParameter], "true", StringComparison.Ordinal);
        var requested = request.Query[FormatParameter].ToString();
        var chosen = requested.Length > 0 ? FromFormatParameter(requested) : FromAccept(request.Headers.Accept);
        format = new ResponseFormat(chosen ?? FhirSerializers.Supported[0], pretty);
        refusal = chosen is not null ? string.Empty : requested.Length > 0
            ? $"_format={requested} is not a format this server can return."
            : "The Accept header names no format this server can return; it returns " +
              string.Join(" or ", FhirSerializers.Supported.Select(FhirSerializers.MediaType)) + ".";
        return chosen is not null;
    }

    // _format takes the short names or any of the media types; a space stands for the '+' a query string decodes.
    private static FhirFormat? FromFormatParameter(string value) => Supported(FormatOf(value.Replace(' ', '+').Split(';')[0].Trim()));

    private static FhirFormat? FromAccept(StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes) || mediaTypes.Count == 0)
        {
            // No usable Accept header: the default format.
            return FhirSerializers.Supported[0];
        }

        foreach (var mediaType in mediaTypes.Where(m => m.Quality is not 0).OrderByDescending(m => m.Quality ?? 1))
        {
            var name = mediaType.MediaType.Value ?? string.Empty;
            if (name is "*/*" or "application/*")
            {
                return FhirSerializers.Supported[0];
            }

            if (Supported(FormatOf(name)) is { } format)
            {
                return format;
            }
        }

        return null;
    }

    private static FhirFormat? Supported(FhirFormat? format) => format is { } f && FhirSerializers.Supported.Contains(f) ? f : null;

    private static FhirFormat? FormatOf(string name) => name.ToLowerInvariant() switch
    {
        // application/json+fhir and application/xml+fhir are the DSTU2 names, still sent by older clients.
        "json" or "application/json" or "application/fhir+json" or "application/json+fhir" => FhirFormat.Json,
        "xml" or "text/xml" or "application/xml" or "application/fhir+xml" or "application/xml+fhir" => FhirFormat.Xml,
        _ => null,
    };
}
