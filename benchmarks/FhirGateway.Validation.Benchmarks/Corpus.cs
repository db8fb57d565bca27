using System.Formats.Tar;
using System.IO.Compression;

namespace FhirGateway.Validation.Benchmarks;

/// <summary>The official R4 examples (tests/data/hl7.fhir.r4.examples-4.0.1.tgz: 5306 JSON resources besides package.json, 187.6 MB).</summary>
internal static class Corpus
{
    private static readonly Lazy<byte[][]> LazyJson = new(Load);

    public static byte[][] Json => LazyJson.Value;

    public static long TotalBytes => Json.Sum(d => (long)d.Length);

    private static byte[][] Load()
    {
        var result = new List<(string Name, byte[] Content)>();
        using var stream = File.OpenRead(Path.Combine(RepoRoot(), "tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
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
            result.Add((name, buffer.ToArray()));
        }

        return [.. result.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Content)];
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FhirGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
