using System.Text.Json;
using FhirGateway.Api.Indexing;
using FhirGateway.Storage;
using FhirGateway.Storage.History;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// A conditional matcher that also evaluates <c>family=</c> on Patients (exact family name), by reading every current
/// Patient from the store's history: criteria that are no identifier, for testing that conditional create is race-free
/// whatever its criteria before search is wired in. Everything else goes to the gateway's own matcher.
/// </summary>
internal sealed class FamilyMatcher(IResourceStore store) : IConditionalMatcher
{
    private readonly IdentityKeyMatcher _inner = new();

    public async Task<ConditionalMatch> MatchAsync(
        IResourceOperations ops, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken = default)
    {
        if (resourceType != "Patient" || criteria.Count != 1 || criteria[0].Key != "family")
        {
            return await _inner.MatchAsync(ops, resourceType, criteria, cancellationToken);
        }

        var latest = new Dictionary<string, ResourceVersion>(StringComparer.Ordinal);
        HistoryCursor? after = null;
        do
        {
            var page = await store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = HistoryQuery.MaxCount, After = after }, cancellationToken);
            foreach (var version in page.Entries)
            {
                if (!latest.TryGetValue(version.Id, out var seen) || seen.VersionId < version.VersionId)
                {
                    latest[version.Id] = version;
                }
            }

            after = page.Next;
        }
        while (after is not null);

        var ids = latest.Values
            .Where(v => v.Change != ResourceChange.Delete && Family(v) == criteria[0].Value)
            .Select(v => v.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ConditionalMatch { Ids = ids };
    }

    private static string? Family(ResourceVersion version)
    {
        using var json = JsonDocument.Parse(version.Json);
        return json.RootElement.TryGetProperty("name", out var names) && names.GetArrayLength() > 0 &&
            names[0].TryGetProperty("family", out var family) ? family.GetString() : null;
    }
}
