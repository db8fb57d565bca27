using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.Headers;

/// <summary>HTTP dates (RFC 9110 section 5.6.7) for Last-Modified and If-Modified-Since.</summary>
internal static class HttpDates
{
    /// <summary>The IMF-fixdate form: <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an HTTP date in any of the three formats recipients MUST accept (RFC 9110 section 5.6.7); also accepts a
    /// FHIR instant, which Bundle.entry.request.ifModifiedSince carries. Null when it is neither: If-Modified-Since
    /// with an invalid date MUST be ignored (section 13.1.3).
    /// </summary>
    public static DateTimeOffset? TryParse(string value) =>
        HeaderUtilities.TryParseDate(value.Trim(), out var date) || FhirInstants.TryParse(value.Trim(), out date) ? date : null;

    /// <summary>
    /// Whether a version last updated at <paramref name="lastUpdated"/> is unchanged since <paramref name="since"/>:
    /// HTTP dates have whole seconds, so the comparison is at that precision (RFC 9110 section 13.1.3).
    /// </summary>
    public static bool NotModifiedSince(DateTimeOffset lastUpdated, DateTimeOffset since) =>
        lastUpdated.UtcTicks / TimeSpan.TicksPerSecond <= since.UtcTicks / TimeSpan.TicksPerSecond;
}
