using System.Formats.Tar;
using System.IO.Compression;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Search.Tests.Support;

/// <summary>The official R4 examples (tests/data/hl7.fhir.r4.examples-4.0.1.tgz, CC0, HL7), read in place.</summary>
internal static class OfficialExamples
{
    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(Load);

    /// <summary>The example file of that name (e.g. <c>Patient-example.json</c>) as a resource tree.</summary>
    public static ElementNode Get(string name) =>
        Files.Value.TryGetValue(name, out var bytes) ? Resources.Json(bytes) : throw new FileNotFoundException("No official example " + name);

    /// <summary>The example file of that name as JSON text.</summary>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Files.Value[name]);

    /// <summary>Every example file name.</summary>
    public static IEnumerable<string> Names => Files.Value.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, byte[]> Load()
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var stream = File.OpenRead(RepoPaths.Combine("tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !name.EndsWith(".json", StringComparison.Ordinal) || name is "package.json" or ".index.json")
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            result[name] = buffer.ToArray();
        }

        return result;
    }
}
