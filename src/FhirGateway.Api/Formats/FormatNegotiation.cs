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
    private const string FhirVersionParameter = "fhirVersion";

    // The major.minor the fhirVersion parameter uses for R4; 4.0.1 is accepted too.
    private const string R4Version = "4.0";

    /// <summary>
    /// Says that the response depends on Accept (unless _format names the format), so caches key on it
    /// (RFC 9110 section 12.5.5); appended once to whatever Vary already holds.
    /// </summary>
    public static void VaryByAccept(HttpResponse response)
    {
        var vary = response.Headers.Vary;
        if (vary.Count == 0)
        {
            response.Headers.Vary = HeaderNames.Accept;
        }
        else if (!vary.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)).Contains(HeaderNames.Accept, StringComparer.OrdinalIgnoreCase))
        {
            response.Headers.Vary = StringValues.Concat(vary, HeaderNames.Accept);
        }
    }

    /// <summary>The format to answer <paramref name="request"/> in; throws a 406 <see cref="FhirException"/> when there is none.</summary>
    public static ResponseFormat Negotiate(HttpRequest request) =>
        TryNegotiate(request, out var format, out var refusal)
            ? format
            : throw new FhirException(StatusCodes.Status406NotAcceptable, IssueTypes.ForStatus(StatusCodes.Status406NotAcceptable), refusal);

    public static bool TryNegotiate(HttpRequest request, out ResponseFormat format, out string refusal)
    {
        // The common case costs nothing: no _format or _pretty in the query (searches have queries of their own, which
        // are not decoded here), and no Accept header or one naming the default format.
        var accept = request.Headers.Accept;
        var formatParameters = MayHaveFormatParameters(request.QueryString.Value);
        if (!formatParameters && (accept.Count == 0 || (accept.Count == 1 && accept[0] is "application/fhir+json" or "application/json" or "*/*")))
        {
            format = ResponseFormat.For(FhirSerializers.Supported[0], false);
            refusal = string.Empty;
            return true;
        }

        var pretty = formatParameters && string.Equals(request.Query[PrettyParameter], "true", StringComparison.Ordinal);
        var requested = formatParameters ? request.Query[FormatParameter].ToString() : string.Empty;
        var chosen = requested.Length > 0 ? FromFormatParameter(requested) : FromAccept(accept);
        format = ResponseFormat.For(chosen ?? FhirSerializers.Supported[0], pretty);
        refusal = chosen is not null ? string.Empty : requested.Length > 0
            ? $"_format={requested} is not a format this server can return."
            : "The Accept header names no format this server can return; it returns " +
              string.Join(" or ", FhirSerializers.Supported.Select(FhirSerializers.MediaType)) + ".";
        return chosen is not null;
    }

    // Whether the raw query may name _format or _pretty; a percent-encoded underscore counts as maybe.
    private static bool MayHaveFormatParameters(string? query) =>
        query is { Length: > 0 } &&
        (query.Contains(FormatParameter, StringComparison.Ordinal) || query.Contains(PrettyParameter, StringComparison.Ordinal) || query.Contains("%5F", StringComparison.OrdinalIgnoreCase));

    // _format takes the short names or any of the media types; a space stands for the '+' a query string decodes.
    private static FhirFormat? FromFormatParameter(string value)
    {
        value = value.Replace(' ', '+');
        return MediaTypeHeaderValue.TryParse(value, out var mediaType)
            ? FromMediaType(mediaType)
            : Supported(FormatOf(value.Trim()));
    }

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

            if (FromMediaType(mediaType) is { } format)
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>The format of a request body with this media type (a FHIR, JSON or XML type for R4), or null.</summary>
    public static FhirFormat? BodyFormat(MediaTypeHeaderValue mediaType) => FromMediaType(mediaType);

    private static FhirFormat? FromMediaType(MediaTypeHeaderValue mediaType)
    {
        // https://hl7.org/fhir/R4/http.html#version-parameter: a media type for another FHIR version cannot be served.
        var version = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals(FhirVersionParameter, StringComparison.OrdinalIgnoreCase))?.Value.Value;
        if (version is not null)
        {
            version = version.Trim('"');
            if (version != R4Version && !version.StartsWith(R4Version + ".", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return Supported(FormatOf(mediaType.MediaType.Value ?? string.Empty));
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
