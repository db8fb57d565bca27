using FhirGateway.Search.Indexing;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Query;

/// <summary>
/// Evaluates the criteria of conditional interactions (https://hl7.org/fhir/R4/http.html#ccreate, #cond-update,
/// #cdelete) with search. Criteria that are all <c>identifier=system|value</c> (types with identity keys) and
/// <c>_id</c> are answered through the store or unit of work itself, by identity key; any other criteria run as a
/// strict search, inside the unit of work when there is one, so a transaction sees its own writes. Either way the
/// identity keys the identifier criteria imply are reported, which keeps conditional create race-free.
/// </summary>
public sealed class SearchConditionalMatcher(SearchService search) : IConditionalMatcher
{
    /// <summary>The most matches a conditional interaction is told about (it only needs none, one or more).</summary>
    public const int MaxMatches = 100;

    /// <inheritdoc />
    public async Task<ConditionalMatch> MatchAsync(
        IResourceOperations store, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0)
        {
            return ConditionalMatch.Unsupported(string.Empty, "Conditional interactions need at least one criterion.");
        }

        var keys = new List<string>();
        var ids = new List<string>();
        var other = false;
        foreach (var (name, value) in criteria)
        {
            if (name == IdentityKeys.Parameter && IdentityKeys.ForCriterion(resourceType, value) is { } key)
            {
                keys.Add(key);
            }
            else if (name == "_id" && value.Length > 0 && !value.Contains(',', StringComparison.Ordinal))
            {
                ids.Add(value);
            }
            else
            {
                other = true;
            }
        }

        keys = keys.Distinct(StringComparer.Ordinal).ToList();
        var found = other ? await SearchAsync(store as IResourceTransaction, resourceType, criteria, cancellationToken) : await ByKeyAsync(store, resourceType, keys, ids, cancellationToken);
        return found.Match ?? new ConditionalMatch { Ids = found.Ids, IdentityKeys = keys };
    }

    private async Task<(List<string> Ids, ConditionalMatch? Match)> SearchAsync(
        IResourceTransaction? unit, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken)
    {
        var outcome = await search.SearchAsync(
            resourceType, criteria.Append(new("_count", MaxMatches.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new SearchOptions { Strict = true, Within = unit }, cancellationToken);
        if (!outcome.IsValid)
        {
            // https://hl7.org/fhir/R4/http.html#ccreate: criteria are processed strictly. A malformed value is the client's
            // error (invalid); an unknown or unsupported parameter or modifier is one the server cannot honour (not-supported).
            var first = outcome.Issues.First(i => i.Severity == SearchIssueSeverity.Error);
            return ([], first.IssueType == "invalid"
                ? ConditionalMatch.Malformed(first.Parameter, first.Message)
                : ConditionalMatch.Unsupported(first.Parameter, first.Message));
        }

        return (outcome.Matches.Select(m => m.Id).Order(StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>The resources holding every key and having every id (criteria are ANDed, https://hl7.org/fhir/R4/search.html#combining).</summary>
    private static async Task<(List<string> Ids, ConditionalMatch? Match)> ByKeyAsync(
        IResourceOperations store, string resourceType, List<string> keys, List<string> ids, CancellationToken cancellationToken)
    {
        List<string>? found = null;
        if (keys.Count > 0)
        {
            var holders = await store.FindIdentityKeyHoldersAsync(keys, cancellationToken);
            found = holders.GroupBy(h => h.Id, StringComparer.Ordinal).Where(g => g.Count() == keys.Count).Select(g => g.Key).ToList();
        }

        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var read = await store.ReadAsync(resourceType, id, cancellationToken);
            var exists = read.Status == ReadStatus.Found ? [id] : Array.Empty<string>();
            found = found is null ? [.. exists] : found.Intersect(exists, StringComparer.Ordinal).ToList();
        }

        return ((found ?? []).Order(StringComparer.Ordinal).ToList(), null);
    }
}
