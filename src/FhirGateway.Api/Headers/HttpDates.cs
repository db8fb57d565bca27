using System.Globalization;

namespace FhirGateway.Api.Headers;

/// <summary>HTTP dates (RFC 9110 section 5.6.7) for Last-Modified and If-Modified-Since.</summary>
internal static class HttpDates
{
    /// <summary>The IMF-fixdate form: <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    // RFC 9110 section 5.6.7: recipients MUST accept all three formats (IMF-fixdate, the obsolete RFC 850 and asctime).
    private static readonly string[] Formats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy"];

    /// <summary>
    /// Parses an HTTP date, in any of its three formats; also accepts a FHIR instant, which
    /// Bundle.entry.request.ifModifiedSince carries. Null when it is neither: If-Modified-Since with an invalid date
    /// MUST be ignored (RFC 9110 section 13.1.3).
    /// </summary>
    public static DateTimeOffset? TryParse(string value)
    {
        var text = value.Trim();
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out var date) ||
            FhirInstants.TryParse(text, out date))
        {
            return date;
        }

        return null;
    }

    /// <summary>
    /// Whether a version last updated at <paramref name="lastUpdated"/> is unchanged since <paramref name="since"/>:
    /// HTTP dates have whole seconds, so the comparison is at that precision (RFC 9110 section 13.1.3).
    /// </summary>
    public static bool NotModifiedSince(DateTimeOffset lastUpdated, DateTimeOffset since) =>
        lastUpdated.UtcTicks / TimeSpan.TicksPerSecond <= since.UtcTicks / TimeSpan.TicksPerSecond;
}
