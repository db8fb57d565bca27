using System.Xml;
using BenchmarkDotNet.Attributes;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>
/// Bytes to model for every document of the corpus as indented XML, against an <see cref="XmlReader"/> reading
/// the same bytes to the end with the settings the FHIR XML reader uses (no DTD, no resolver, comments and
/// processing instructions skipped).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory(Categories.XmlParse)]
public class XmlParseBenchmarks
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    private byte[][] _documents = [];
    private FhirModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _documents = [.. Corpus.Xml];
        _model = FhirModel.R4;
        for (var i = 0; i < _documents.Length; i++)
        {
            var result = FhirXmlReader.Parse(_documents[i], _model);
            if (!result.Success)
            {
                throw new InvalidOperationException($"XML document {i} does not read cleanly: {string.Join("; ", result.Issues.Take(3))}");
            }
        }

        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_documents.Length} XML documents, {Corpus.TotalBytes(_documents)} bytes");
    }

    [Benchmark(Baseline = true, Description = "XmlReader.Read to the end")]
    public int XmlReaderRead()
    {
        var nodes = 0;
        foreach (var bytes in _documents)
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings);
            while (reader.Read())
            {
                nodes++;
            }
        }

        return nodes;
    }

    [Benchmark(Description = "FhirXmlReader.Parse")]
    public int FhirXmlReaderParse()
    {
        var count = 0;
        foreach (var bytes in _documents)
        {
            count += FhirXmlReader.Parse(bytes, _model).Resource?.ChildCount ?? 0;
        }

        return count;
    }
}
