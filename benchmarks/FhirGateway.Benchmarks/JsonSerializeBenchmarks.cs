using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>
/// Model to bytes for every document of the corpus, against writing the same documents held as
/// <see cref="JsonDocument"/>s. Both write compact JSON with the same writer options (relaxed escaping,
/// <see cref="FhirJsonWriter.WriterOptions"/>) through one reused <see cref="Utf8JsonWriter"/> into one reused
/// <see cref="ArrayBufferWriter{T}"/>, so only the walk over each tree differs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory(Categories.JsonSerialize)]
public class JsonSerializeBenchmarks
{
    private JsonDocument[] _documents = [];
    private ElementNode[] _nodes = [];
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup(Target = nameof(JsonDocumentWriteTo))]
    public void SetupDocuments()
    {
        _documents = [.. Corpus.Json.Select(bytes => JsonDocument.Parse(bytes))];
        SetupWriter();
        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_documents.Length} documents, {JsonDocumentWriteTo()} compact JSON bytes written");
    }

    [GlobalSetup(Target = nameof(FhirJsonWriterWrite))]
    public void SetupNodes()
    {
        _nodes = Corpus.ParseAll(Corpus.Json);
        SetupWriter();
        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_nodes.Length} documents, {FhirJsonWriterWrite()} compact JSON bytes written");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _writer.Dispose();
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.WriteTo")]
    public long JsonDocumentWriteTo()
    {
        long written = 0;
        foreach (var document in _documents)
        {
            document.WriteTo(_writer);
            written += Complete();
        }

        return written;
    }

    [Benchmark(Description = "FhirJsonWriter.Write")]
    public long FhirJsonWriterWrite()
    {
        long written = 0;
        foreach (var node in _nodes)
        {
            FhirJsonWriter.Write(node, _writer);
            written += Complete();
        }

        return written;
    }

    private void SetupWriter()
    {
        _buffer = new ArrayBufferWriter<byte>(1024 * 1024);
        _writer = new Utf8JsonWriter(_buffer, FhirJsonWriter.WriterOptions(pretty: false));
    }

    /// <summary>Ends one document: flushes, counts and forgets its bytes, and readies the writer for the next.</summary>
    private int Complete()
    {
        _writer.Flush();
        var count = _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
        _writer.Reset();
        return count;
    }
}
