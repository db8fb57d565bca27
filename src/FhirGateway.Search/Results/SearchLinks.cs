using System.Text;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Results;

/// <summary>
/// The links of a searchset (https://hl7.org/fhir/R4/search.html#conformance, #paging): the parameters the search
/// used, the page size, and for other pages the cursor (<c>_cursor</c>) where they start.
/// </summary>
internal static class SearchLinks
{
    public static string Url(
        string baseUrl, string? resourceType, CompartmentReference? compartment, IEnumerable<KeyValuePair<string, string>> used, int count, SearchCursor? cursor)
    {
        var url = new StringBuilder(baseUrl.TrimEnd('/'));
        if (compartment is not null)
        {
            url.Append('/').Append(compartment.ResourceType).Append('/').Append(Escape(compartment.Id));
        }

        if (resourceType is not null)
        {
            url.Append('/').Append(resourceType);
        }
        else if (compartment is not null)
        {
            // Every type in the compartment: GET [base]/Patient/[id]/*.
            url.Append("/*");
        }

        var separator = '?';
        foreach (var (name, value) in used)
        {
            url.Append(separator).Append(Escape(name)).Append('=').Append(Escape(value));
            separator = '&';
        }

        url.Append(separator).Append("_count=").Append(count);
        if (cursor is not null)
        {
            url.Append("&_cursor=").Append(cursor);
        }

        return url.ToString();
    }

    // Percent-encoded as RFC 3986 asks, except the characters FHIR's own syntax uses that are safe in a query.
    private static string Escape(string text) =>
        Uri.EscapeDataString(text).Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal)
            .Replace("%2F", "/", StringComparison.Ordinal).Replace("%24", "$", StringComparison.Ordinal);
}
