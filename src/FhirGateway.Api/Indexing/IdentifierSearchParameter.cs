using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;

namespace FhirGateway.Api.Indexing;

/// <summary>
/// The resource types with an <c>identifier</c> search parameter on their own <c>identifier</c> element, read from the
/// official R4 SearchParameter definitions (profiles/r4/search-parameters.json.gz, embedded): the types whose
/// business identifiers become identity keys.
/// </summary>
internal static class IdentifierSearchParameter
{
    public const string Code = "identifier";

    private static readonly Lazy<FrozenSet<string>> LazyTypes = new(Load);

    public static FrozenSet<string> Types => LazyTypes.Value;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(IdentifierSearchParameter).Assembly.GetManifestResourceStream("r4/search-parameters.json.gz")
            ?? throw new InvalidOperationException("The R4 search parameter definitions are not embedded.");
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var bundle = JsonDocument.Parse(gz);
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
        {
            var parameter = entry.GetProperty("resource");
            if (parameter.GetProperty("code").GetString() != Code || !parameter.TryGetProperty("expression", out var expression))
            {
                continue;
            }

            var paths = (expression.GetString() ?? string.Empty).Split('|', StringSplitOptions.TrimEntries);
            foreach (var type in parameter.GetProperty("base").EnumerateArray().Select(b => b.GetString()!))
            {
                if (paths.Contains(type + "." + Code, StringComparer.Ordinal))
                {
                    types.Add(type);
                }
            }
        }

        return types.ToFrozenSet(StringComparer.Ordinal);
    }
}
