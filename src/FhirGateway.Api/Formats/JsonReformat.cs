using System.Buffers;
using System.Text.Json;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Formats;

/// <summary>
/// Indents stored canonical JSON for <c>_pretty=true</c> without reading it into the FHIR model: the JSON tokens are
/// copied as they are (numbers keep their digits), with the escaping the FHIR JSON writer uses.
/// </summary>
internal static class JsonReformat
{
    public static byte[] Indent(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + (json.Length / 2));
        using (var writer = new Utf8JsonWriter(buffer, FhirJsonWriter.WriterOptions(pretty: true)))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes stored JSON as one value of a document being written: as it is, or re-indented to suit an indented writer.</summary>
    public static void WriteValue(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, bool pretty)
    {
        if (!pretty)
        {
            writer.WriteRawValue(json.Span, skipInputValidation: true);
            return;
        }

        using var document = JsonDocument.Parse(json);
        document.WriteTo(writer);
    }
}
