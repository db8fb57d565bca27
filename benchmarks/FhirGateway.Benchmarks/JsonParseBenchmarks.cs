using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>Bytes to model for every JSON document of the corpus, against <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same bytes.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory(Categories.JsonParse)]
public class JsonParseBenchmarks
{
    private static readonly FhirReaderOptions NoValueChecks = FhirReaderOptions.Default with { ValidatePrimitiveValues = false, ValidateXhtml = false };

    private byte[][] _documents = [];
    private FhirModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _documents = [.. Corpus.Json];
        _model = FhirModel.R4;

        // Reads everything once: the definitions and the value regexes are built before timing starts, and a
        // document that does not read cleanly stops the run instead of timing an error path.
        Corpus.ParseAll(_documents);
        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_documents.Length} JSON documents, {Corpus.TotalBytes(_documents)} bytes");
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse")]
    public int JsonDocumentParse()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            using var document = JsonDocument.Parse(bytes);
            count += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "FhirJsonReader.Parse")]
    public int FhirJsonReaderParse()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            count += FhirJsonReader.Parse(bytes, _model).Resource?.ChildCount ?? 0;
        }

        return count;
    }

    [Benchmark(Description = "FhirJsonReader.Parse(NoValueChecks)")]
    public int FhirJsonReaderParseUnchecked()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            count += FhirJsonReader.Parse(bytes, _model, NoValueChecks).Resource?.ChildCount ?? 0;
        }

        return count;
    }
}
