using System.Buffers;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>Strings are written exactly as <see cref="Utf8JsonWriter"/> writes them from UTF-16, whichever path the writer takes.</summary>
public sealed class FhirJsonWriterStringTests
{
    public static TheoryData<string> Strings() =>
    [
        "plain",
        "quote \" and backslash \\",
        "line\nbreak\r\nand\ttab",
        "<div xmlns=\"http://www.w3.org/1999/xhtml\">\n  <p>caf\u00e9 &amp; \u00fcber</p>\n</div>",
        "control \u0001\u001F and delete \u007F",
        "line separator \u2028 paragraph \u2029",
        "emoji \U0001F600 \"quoted\"",
        "lone high \uD800 surrogate \"quoted\"",
        "lone low \uDC00 surrogate\n",
        "non-character \uFFFE\n",
        "<script>'&'</script>\n",
        new string('x', 100_000) + "\"",
    ];

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_string_is_written_as_the_Utf8JsonWriter_writes_it(string value)
    {
        var patient = new ElementNode(FhirModel.R4.GetType("Patient"));
        var name = patient.AddNew("name");
        name.AddNew("text").Value = value;
        foreach (var pretty in new[] { false, true })
        {
            var written = FhirJsonWriter.SerializeToUtf8(patient, pretty);

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, FhirJsonWriter.WriterOptions(pretty)))
            {
                writer.WriteStartObject();
                writer.WriteString("resourceType", "Patient");
                writer.WriteStartArray("name");
                writer.WriteStartObject();
                writer.WriteString("text", value);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            Assert.Equal(buffer.WrittenSpan.ToArray(), written);
        }
    }
}
