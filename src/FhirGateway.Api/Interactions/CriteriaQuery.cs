using FhirGateway.Api.Outcomes;
using Microsoft.AspNetCore.WebUtilities;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The search criteria of a conditional interaction: the query of <c>PUT/PATCH/DELETE [type]?criteria</c> or the
/// If-None-Exist value (https://hl7.org/fhir/R4/http.html#ccreate), without the result parameters that shape the
/// response rather than select resources.
/// </summary>
internal static class CriteriaQuery
{
    private static readonly HashSet<string> ResultParameters = new(StringComparer.Ordinal) { "_format", "_pretty", "_summary", "_elements" };

    /// <summary>Parses <c>a=1&amp;b=2</c>, optionally after <c>[type]?</c> or <c>?</c>; 400 when there are no criteria.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string query)
    {
        var text = query.Trim();
        var mark = text.IndexOf('?', StringComparison.Ordinal);
        if (mark >= 0)
        {
            text = text[(mark + 1)..];
        }

        return FromPairs(QueryHelpers.ParseQuery(text).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))));
    }

    /// <summary>
    /// The criteria in one canonical form, what a conditional create claims in the store (<see cref="Storage.ConditionalClaim"/>):
    /// <c>Type?</c> and the parameters sorted by name and then value (ordinal), each name and value percent-encoded.
    /// Criteria that differ only in order or encoding give the same text; the order of comma-separated alternatives
    /// within one value is kept, so those differ (a race between them is no worse than between different criteria).
    /// </summary>
    public static string Canonical(string type, IReadOnlyList<KeyValuePair<string, string>> criteria) =>
        type + "?" + string.Join('&', criteria
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .Select(c => Uri.EscapeDataString(c.Key) + "=" + Uri.EscapeDataString(c.Value)));

    /// <summary>The criteria of a request's own query string.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(HttpRequest request) =>
        FromPairs(request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))));

    private static List<KeyValuePair<string, string>> FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var criteria = pairs.Where(p => !ResultParameters.Contains(p.Key)).ToList();
        if (criteria.Count == 0)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, "A conditional interaction needs search criteria (https://hl7.org/fhir/R4/http.html#cond-update).");
        }

        return criteria;
    }
}
