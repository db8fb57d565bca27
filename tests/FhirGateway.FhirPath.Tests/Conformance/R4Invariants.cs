using System.IO.Compression;
using System.Text.Json;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>One constraint (invariant) of the R4 definitions: the element path it is on, its key and expression.</summary>
internal sealed record R4Invariant(string Path, string Key, string Expression)
{
    /// <summary>The resource or type the path starts at.</summary>
    public string Root => Path.Split('.')[0];

    /// <summary>The path below the root, as a FHIRPath path (choice suffix dropped); null at the root.</summary>
    public string? Below => Path.Contains('.', StringComparison.Ordinal) ? Path[(Path.IndexOf('.', StringComparison.Ordinal) + 1)..].Replace("[x]", string.Empty, StringComparison.Ordinal) : null;
}

/// <summary>Every constraint expression of the official R4 StructureDefinitions in profiles/r4.</summary>
internal static class R4Invariants
{
    private static readonly Lazy<IReadOnlyList<R4Invariant>> LazyAll = new(Load);

    public static IReadOnlyList<R4Invariant> All => LazyAll.Value;

    private static List<R4Invariant> Load()
    {
        var result = new List<R4Invariant>();
        foreach (var file in new[] { "profiles-resources.json.gz", "profiles-types.json.gz" })
        {
            using var stream = new GZipStream(File.OpenRead(RepoPaths.Combine("profiles", "r4", file)), CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(stream);
            foreach (var entry in doc.RootElement.GetProperty("entry").EnumerateArray())
            {
                var sd = entry.GetProperty("resource");
                if (sd.GetProperty("resourceType").GetString() != "StructureDefinition" || !sd.TryGetProperty("snapshot", out var snapshot))
                {
                    continue;
                }

                foreach (var element in snapshot.GetProperty("element").EnumerateArray())
                {
                    if (!element.TryGetProperty("constraint", out var constraints))
                    {
                        continue;
                    }

                    foreach (var c in constraints.EnumerateArray())
                    {
                        if (c.TryGetProperty("expression", out var expression))
                        {
                            result.Add(new R4Invariant(element.GetProperty("path").GetString()!, c.GetProperty("key").GetString()!, expression.GetString()!));
                        }
                    }
                }
            }
        }

        return result;
    }
}
