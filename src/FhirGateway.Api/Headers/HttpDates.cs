using System.Globalization;
using FhirGateway.Api.Outcomes;

namespace FhirGateway.Api.Headers;

/// <summary>HTTP dates (RFC 9110 section 5.6.7) for Last-Modified and If-Modified-Since.</summary>
internal static class HttpDates
{
    /// <summary>The IMF-fixdate form: <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses an HTTP date; also accepts a FHIR instant, which Bundle.entry.request.ifModifiedSince carries.</summary>
    public static DateTimeOffset Parse(string value, string header)
    {
        if (DateTimeOffset.TryParseExact(value.Trim(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
            FhirInstants.TryParse(value, out date))
        {
            return date;
        }

        throw FhirException.Status(StatusCodes.Status400BadRequest, $"{header} must be an HTTP date such as 'Sun, 06 Nov 1994 08:49:37 GMT'.");
    }

    /// <summary>
    /// Whether a version last updated at <paramref name="lastUpdated"/> is unchanged since <paramref name="since"/>:
    /// HTTP dates have whole seconds, so the comparison is at that precision (RFC 9110 section 13.1.3).
    /// </summary>
    public static bool NotModifiedSince(DateTimeOffset lastUpdated, DateTimeOffset since) =>
        lastUpdated.UtcTicks / TimeSpan.TicksPerSecond <= since.UtcTicks / TimeSpan.TicksPerSecond;
}
