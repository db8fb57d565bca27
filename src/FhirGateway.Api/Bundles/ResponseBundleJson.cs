using System.Buffers;
using System.Text.Json;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Headers;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Bundles;

/// <summary>Writes a <see cref="ResponseBundle"/> as FHIR JSON, embedding stored resources as their stored bytes.</summary>
internal static class ResponseBundleJson
{
    public static byte[] Serialize(ResponseBundle bundle, bool pretty)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, FhirJsonWriter.WriterOptions(pretty)))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("id", bundle.Id);
            writer.WriteString("type", bundle.Type);
            if (bundle.Links.Count > 0)
            {
                writer.WriteStartArray("link");
                foreach (var (relation, url) in bundle.Links)
                {
                    writer.WriteStartObject();
                    writer.WriteString("relation", relation);
                    writer.WriteString("url", url);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (bundle.Entries.Count > 0)
            {
                writer.WriteStartArray("entry");
                foreach (var entry in bundle.Entries)
                {
                    WriteEntry(writer, entry, pretty);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, ResponseEntry entry, bool pretty)
    {
        writer.WriteStartObject();
        if (entry.FullUrl is { } fullUrl)
        {
            writer.WriteString("fullUrl", fullUrl);
        }

        if (entry.Resource is { IsDeleted: false } resource)
        {
            writer.WritePropertyName("resource");
            JsonReformat.WriteValue(writer, resource.Json, pretty);
        }
        else if (entry.ResourceNode is { } node)
        {
            writer.WritePropertyName("resource");
            FhirJsonWriter.Write(node, writer);
        }

        if (entry.Request is { } request)
        {
            writer.WriteStartObject("request");
            writer.WriteString("method", request.Method);
            writer.WriteString("url", request.Url);
            writer.WriteEndObject();
        }

        writer.WriteStartObject("response");
        writer.WriteString("status", entry.Status);
        WriteOptional(writer, "location", entry.Location);
        WriteOptional(writer, "etag", entry.Etag);
        if (entry.LastModified is { } lastModified)
        {
            writer.WriteString("lastModified", FhirInstants.Format(lastModified));
        }

        if (entry.Outcome is { } outcome)
        {
            writer.WritePropertyName("outcome");
            FhirJsonWriter.Write(outcome, writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
