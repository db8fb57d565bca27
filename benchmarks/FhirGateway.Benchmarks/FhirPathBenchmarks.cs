using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.FhirPath;

namespace FhirGateway.Benchmarks;

/// <summary>
/// FHIRPath: every official SearchParameter expression whose base includes Patient (profiles/r4/search-parameters.json.gz),
/// evaluated on the official Patient-example. One operation evaluates all of them; divide by <see cref="ExpressionCount"/>
/// for ns per expression. The baseline walks the same Patient's tree once by hand, for scale.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class FhirPathBenchmarks
{
    private FhirPathExpression[] _expressions = [];
    private ElementNode _patient = null!;
    private readonly List<object> _output = [];

    /// <summary>How many expressions one operation evaluates.</summary>
    public int ExpressionCount => _expressions.Length;

    [GlobalSetup]
    public void Setup()
    {
        _patient = FhirJsonReader.Parse(ReadExample("Patient-example.json")).Resource!;
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Corpus.RepoRoot(), "profiles", "r4", "search-parameters.json.gz")), CompressionMode.Decompress);
        using var bundle = JsonDocument.Parse(gz);
        var expressions = new List<FhirPathExpression>();
        foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
        {
            var parameter = entry.GetProperty("resource");
            if (parameter.TryGetProperty("expression", out var expression) &&
                parameter.GetProperty("base").EnumerateArray().Any(b => b.GetString() == "Patient"))
            {
                expressions.Add(FhirPathExpression.Parse(expression.GetString()!));
            }
        }

        _expressions = [.. expressions];
        Console.WriteLine($"// {_expressions.Length} Patient search parameter expressions");
    }

    [Benchmark(Baseline = true, Description = "Walk the Patient tree by hand")]
    public int WalkTree() => Count(_patient);

    [Benchmark(Description = "Evaluate every Patient search parameter expression")]
    public int EvaluateAll()
    {
        var total = 0;
        foreach (var expression in _expressions)
        {
            _output.Clear();
            expression.Evaluate(_patient, null, _output);
            total += _output.Count;
        }

        return total;
    }

    private static int Count(ElementNode node)
    {
        var n = 1;
        foreach (var child in node.Children)
        {
            n += Count(child);
        }

        return n;
    }

    private static byte[] ReadExample(string name)
    {
        using var stream = File.OpenRead(Path.Combine(Corpus.RepoRoot(), "tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            if (Path.GetFileName(entry.Name) == name && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                return buffer.ToArray();
            }
        }

        throw new FileNotFoundException(name);
    }
}
