using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Indexing;

/// <summary>
/// The conditional matcher until search exists. It evaluates <c>identifier=system|value</c> (types with an
/// <c>identifier</c> search parameter) through the store's identity keys and <c>_id</c> through a read; several
/// criteria must all hold. Anything else is refused by name rather than guessed at: a conditional delete that ignored
/// a criterion would delete the wrong resources.
/// </summary>
internal sealed class IdentityKeyMatcher : IConditionalMatcher
{
    private const string Supported =
        "Until search is available, conditional interactions accept identifier=system|value (on types with an identifier search parameter) and _id.";

    public async Task<ConditionalMatch> MatchAsync(
        IResourceOperations store, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(criteria);
        var keys = new List<string>();
        string? id = null;
        foreach (var (name, value) in criteria)
        {
            switch (name)
            {
                case "_id":
                    if (value.Length == 0 || value.Contains(',', StringComparison.Ordinal) || (id is not null && id != value))
                    {
                        return ConditionalMatch.Unsupported(name, "_id takes exactly one id here.");
                    }

                    id = value;
                    break;
                case IdentifierSearchParameter.Code when IdentifierSearchParameter.Types.Contains(resourceType):
                    if (TokenCriterion.Key(resourceType, value, out var key) is { } problem)
                    {
                        return ConditionalMatch.Unsupported(name, problem);
                    }

                    keys.Add(key!);
                    break;
                case IdentifierSearchParameter.Code:
                    return ConditionalMatch.Unsupported(name, $"{resourceType} has no identifier search parameter. {Supported}");
                default:
                    return ConditionalMatch.Unsupported(name, $"'{name}' cannot be evaluated yet. {Supported}");
            }
        }

        if (keys.Count == 0 && id is null)
        {
            return ConditionalMatch.Unsupported(string.Empty, "Conditional interactions need at least one criterion. " + Supported);
        }

        var ids = keys.Count > 0 ? await HoldersOfAllAsync(store, keys, cancellationToken) : null;
        if (id is not null)
        {
            var read = await store.ReadAsync(resourceType, id, cancellationToken);
            var found = read.Status == ReadStatus.Found ? [id] : Array.Empty<string>();
            ids = ids is null ? [.. found] : ids.Intersect(found, StringComparer.Ordinal).ToList();
        }

        return new ConditionalMatch { Ids = ids!, IdentityKeys = keys.Distinct(StringComparer.Ordinal).ToList() };
    }

    /// <summary>The ids of the resources holding every key (criteria are ANDed, https://hl7.org/fhir/R4/search.html#combining).</summary>
    private static async Task<List<string>> HoldersOfAllAsync(IResourceOperations store, List<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).Count();
        var holders = await store.FindIdentityKeyHoldersAsync(keys, cancellationToken);
        return holders
            .GroupBy(h => h.Id, StringComparer.Ordinal)
            .Where(g => g.Count() == wanted)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
