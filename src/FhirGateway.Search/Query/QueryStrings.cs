namespace FhirGateway.Search.Query;

/// <summary>
/// Reads <c>application/x-www-form-urlencoded</c> text (a URL's query, a POST <c>_search</c> body,
/// https://hl7.org/fhir/R4/http.html#search) into name-value pairs in order, for callers that do not have them
/// decoded already.
/// </summary>
public static class QueryStrings
{
    /// <summary>The pairs of <c>a=1&amp;b=2</c> (a leading <c>?</c> is skipped; <c>+</c> is a space).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return pairs;
        }

        foreach (var part in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
