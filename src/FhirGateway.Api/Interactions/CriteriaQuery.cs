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
