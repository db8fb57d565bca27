using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// The fingerprint of what decides a resource's index rows: every indexable parameter's code, row code, base types, type,
/// expression, reference targets and components, the local base URLs, and <see cref="ExtractionVersion"/>. Stored with
/// each resource at write time; resources stored under another fingerprint are re-extracted by the reindexer
/// (docs/search.md#reindexing). Independent of the order definitions were loaded in.
/// </summary>
public static class IndexFingerprint
{
    /// <summary>
    /// The version of the extraction code (<see cref="SearchIndexer"/>, <see cref="IndexRowWriter"/>, text folding, bound
    /// code systems). Bump it with any change that makes different rows from the same resource: every stored resource
    /// is then reindexed at the next start-up. 2: covering parameters leave out their parts' values; 3: the FHIRPath
    /// engine's <c>as(DateTime)</c> keeps FHIR dateTime values, so Observation's <c>code-value-date</c> has rows; 4: a
    /// quantity's row in canonical UCUM units has a code of its own (<see cref="IndexRowWriter.CanonicalSuffix"/>).
    /// </summary>
    public const int ExtractionVersion = 4;

    /// <summary>The fingerprint (<c>v{ExtractionVersion}-</c> and 32 hex digits of SHA-256).</summary>
    public static string Of(SearchParameterRegistry registry, IEnumerable<string> localBaseUrls)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(localBaseUrls);
        var lines = registry.All
            .Where(p => p.IsSupported && p.Code is not "_id" and not "_lastUpdated")
            .Select(Describe)
            .Order(StringComparer.Ordinal)
            .ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"extraction {ExtractionVersion}\n");
        foreach (var url in localBaseUrls.Select(b => b.TrimEnd('/')).Where(b => b.Length > 0).Order(StringComparer.Ordinal))
        {
            text.Append("base ").Append(url).Append('\n');
        }

        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return string.Create(CultureInfo.InvariantCulture, $"v{ExtractionVersion}-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}");
    }

    private static string Describe(SearchParameterInfo p) => string.Join(
        '\u001f',
        p.Code,
        string.Join('+', p.RowCodes),
        string.Join('+', p.ComponentRows ?? []),
        string.Join(',', p.Bases.Order(StringComparer.Ordinal)),
        p.Type.ToString(),
        p.Expression ?? string.Empty,
        string.Join(',', p.Targets.Order(StringComparer.Ordinal)),
        string.Join(',', p.Components.Select(c => c.Definition + "=" + c.Expression)));
}
