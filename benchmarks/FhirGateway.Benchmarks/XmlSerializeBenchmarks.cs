using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>
/// Model to bytes for every document of the corpus as XML, against writing the same documents held as
/// <see cref="XDocument"/>s (the XML counterpart of writing a <see cref="System.Text.Json.JsonDocument"/>).
/// The XDocuments are loaded, whitespace kept, from the compact XML our writer produces, so both sides write
/// the same content. Both write through a new <see cref="XmlWriter"/> per document (an XmlWriter cannot be
/// reset) with <see cref="FhirXmlWriter.WriterSettings"/> into one reused <see cref="MemoryStream"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory(Categories.XmlSerialize)]
public class XmlSerializeBenchmarks
{
    private XDocument[] _documents = [];
    private ElementNode[] _nodes = [];
    private XmlWriterSettings _settings = null!;
    private MemoryStream _stream = null!;

    [GlobalSetup(Target = nameof(XDocumentSave))]
    public void SetupDocuments()
    {
        _documents = [.. Corpus.CompactXml.Select(bytes => XDocument.Load(new MemoryStream(bytes, writable: false), LoadOptions.PreserveWhitespace))];
        SetupWriter();
        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_documents.Length} documents, {XDocumentSave()} XML bytes written");
    }

    [GlobalSetup(Target = nameof(FhirXmlWriterWrite))]
    public void SetupNodes()
    {
        _nodes = Corpus.ParseAll(Corpus.Json);
        SetupWriter();
        Console.WriteLine($"// Corpus ({Corpus.Selection}): {_nodes.Length} documents, {FhirXmlWriterWrite()} XML bytes written");
    }

    [Benchmark(Baseline = true, Description = "XDocument.Save")]
    public long XDocumentSave()
    {
        long written = 0;
        foreach (var document in _documents)
        {
            _stream.SetLength(0);
            using (var writer = XmlWriter.Create(_stream, _settings))
            {
                document.Save(writer);
            }

            written += _stream.Length;
        }

        return written;
    }

    [Benchmark(Description = "FhirXmlWriter.Write")]
    public long FhirXmlWriterWrite()
    {
        long written = 0;
        foreach (var node in _nodes)
        {
            _stream.SetLength(0);
            using (var writer = XmlWriter.Create(_stream, _settings))
            {
                FhirXmlWriter.Write(node, writer);
            }

            written += _stream.Length;
        }

        return written;
    }

    private void SetupWriter()
    {
        _settings = FhirXmlWriter.WriterSettings(pretty: false);
        _stream = new MemoryStream(1024 * 1024);
    }
}
