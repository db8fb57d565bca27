using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation.Benchmarks;

/// <summary>
/// Validation of the official R4 examples against the base definitions, beside parsing the same corpus in the same
/// run (the baseline). "Validate" times validation of trees parsed beforehand; "Parse + Validate" is what
/// <c>fhirgw validate</c> does (reading leaves value formats to validation).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ValidationBenchmarks
{
    private static readonly FhirReaderOptions NoValueChecks = FhirReaderOptions.Default with { ValidatePrimitiveValues = false };

    private byte[][] _documents = [];
    private ElementNode[] _trees = [];
    private FhirValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _documents = Corpus.Json;
        _trees = [.. _documents.Select(d => FhirJsonReader.Parse(d, FhirModel.R4, NoValueChecks).Resource ?? throw new InvalidOperationException("A corpus document does not read."))];
        _validator = FhirValidator.Default;

        // Reads and compiles every definition the corpus needs before timing starts.
        foreach (var tree in _trees)
        {
            _validator.Validate(tree);
        }

        Console.WriteLine($"// Corpus: {_documents.Length} JSON documents, {Corpus.TotalBytes} bytes");
    }

    [Benchmark(Baseline = true, Description = "Parse")]
    public int Parse()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            count += FhirJsonReader.Parse(bytes, FhirModel.R4).Resource?.ChildCount ?? 0;
        }

        return count;
    }

    [Benchmark(Description = "Validate")]
    public int Validate()
    {
        var count = 0;
        foreach (var tree in _trees)
        {
            count += _validator.Validate(tree).ErrorCount;
        }

        return count;
    }

    [Benchmark(Description = "Parse + Validate")]
    public int ParseAndValidate()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            count += _validator.Validate(FhirJsonReader.Parse(bytes, FhirModel.R4, NoValueChecks).Resource!).ErrorCount;
        }

        return count;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One pass over the corpus takes seconds: a few iterations measure it well enough.
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(8));
            AddColumn(new ThroughputColumn());
        }
    }
}
