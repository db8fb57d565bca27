using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Benchmarks;

/// <summary>
/// The bytes one operation of a category processes, computed again in the host process for the summary
/// columns: the input documents for the parse categories, the bytes written for the serialize categories.
/// </summary>
internal static class ReferenceBytes
{
    private static readonly ConcurrentDictionary<string, long> Cache = new(StringComparer.Ordinal);

    /// <summary>The bytes for <paramref name="category"/>; null for an unknown category.</summary>
    public static long? For(string category) => category switch
    {
        Categories.JsonParse => Cache.GetOrAdd(category, _ => Corpus.TotalBytes(Corpus.Json)),
        Categories.JsonSerialize => Cache.GetOrAdd(category, _ => CompactJsonBytes()),
        Categories.XmlParse => Cache.GetOrAdd(category, _ => Corpus.TotalBytes(Corpus.Xml)),
        Categories.XmlSerialize => Cache.GetOrAdd(category, _ => Corpus.TotalBytes(Corpus.CompactXml)),
        _ => null,
    };

    private static long CompactJsonBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * 1024);
        long total = 0;
        foreach (var bytes in Corpus.Json)
        {
            using var document = JsonDocument.Parse(bytes);
            using (var writer = new Utf8JsonWriter(buffer, FhirJsonWriter.WriterOptions(pretty: false)))
            {
                document.WriteTo(writer);
            }

            total += buffer.WrittenCount;
            buffer.ResetWrittenCount();
        }

        return total;
    }
}
