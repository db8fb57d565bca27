using System.Formats.Tar;
using System.IO.Compression;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>
/// The benchmark corpus: the official R4 examples (tests/data/hl7.fhir.r4.examples-4.0.1.tgz: 5306 JSON
/// resources besides package.json, 187.6 MB as shipped, indented), and the same resources converted to XML. <c>--corpus small</c> keeps only files under 64 KiB, the size
/// of typical API traffic, for quicker runs and for per-document overheads that the large bundles hide.
/// </summary>
internal static class Corpus
{
    /// <summary>The environment variable that carries the selection to the benchmark processes.</summary>
    public const string SelectionVariable = "FHIRGATEWAY_BENCH_CORPUS";

    private const int SmallLimit = 64 * 1024;

    private static readonly Lazy<IReadOnlyList<byte[]>> LazyJson = new(LoadJson);
    private static readonly Lazy<IReadOnlyList<byte[]>> LazyXml = new(() => ToXml(pretty: true));
    private static readonly Lazy<IReadOnlyList<byte[]>> LazyCompactXml = new(() => ToXml(pretty: false));

    /// <summary>Which selection is in use: <c>all</c> (the default) or <c>small</c>.</summary>
    public static string Selection => Environment.GetEnvironmentVariable(SelectionVariable) is "small" ? "small" : "all";

    /// <summary>The JSON files, as shipped, in file name order.</summary>
    public static IReadOnlyList<byte[]> Json => LazyJson.Value;

    /// <summary>
    /// The same documents as FHIR XML, indented as the JSON files are: each JSON document read into the model and
    /// written with <see cref="FhirXmlWriter"/> (the package ships no XML).
    /// </summary>
    public static IReadOnlyList<byte[]> Xml => LazyXml.Value;

    /// <summary>The same documents as compact FHIR XML (what the XML serializer writes).</summary>
    public static IReadOnlyList<byte[]> CompactXml => LazyCompactXml.Value;

    /// <summary>The sum of the lengths.</summary>
    public static long TotalBytes(IEnumerable<byte[]> documents) => documents.Sum(d => (long)d.Length);

    /// <summary>Parses every JSON document into the element model, failing loudly on any error (a benchmark must not time error paths).</summary>
    public static ElementNode[] ParseAll(IReadOnlyList<byte[]> documents)
    {
        var nodes = new ElementNode[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var result = FhirJsonReader.Parse(documents[i], FhirModel.R4);
            if (!result.Success)
            {
                throw new InvalidOperationException($"Document {i} of the corpus does not read cleanly: {string.Join("; ", result.Issues.Take(3))}");
            }

            nodes[i] = result.Resource!;
        }

        return nodes;
    }

    private static byte[][] ToXml(bool pretty) =>
        [.. ParseAll(Json).Select(node => FhirXmlWriter.SerializeToUtf8(node, pretty))];

    private static List<byte[]> LoadJson()
    {
        var result = new List<(string Name, byte[] Content)>();
        using var stream = File.OpenRead(Path.Combine(RepoRoot(), "tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        var smallOnly = Selection == "small";
        while (tar.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !name.EndsWith(".json", StringComparison.Ordinal) || name is "package.json" or ".index.json")
            {
                continue;
            }

            if (smallOnly && entry.Length >= SmallLimit)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            result.Add((name, buffer.ToArray()));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result.ConvertAll(r => r.Content);
    }

    internal static string RepoRoot()
    {
        // BenchmarkDotNet runs each benchmark from a generated project under bin/, still below the repository.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FhirGateway.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("FhirGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
