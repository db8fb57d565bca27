using System.Globalization;

namespace FhirGateway.Api.Headers;

/// <summary>
/// FHIR instants and dateTimes in parameters such as <c>_since</c> (https://hl7.org/fhir/R4/datatypes.html#instant):
/// a date, or a date and time with a time zone; the start of the period it names.
/// </summary>
internal static class FhirInstants
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
        "yyyy-MM",
        "yyyy",
    ];

    public static bool TryParse(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();

        // A time without a zone is ambiguous (https://hl7.org/fhir/R4/search.html#date): refuse it.
        if (text.Contains('T', StringComparison.Ordinal) && !(text.EndsWith('Z') || HasOffset(text)))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    /// <summary>An instant with milliseconds in UTC, as meta.lastUpdated carries it.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var sign = text.LastIndexOfAny(['+', '-']);
        return sign > t;
    }
}
