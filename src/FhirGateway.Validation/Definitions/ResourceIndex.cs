using System.IO.Compression;
using System.Text.Json;

namespace FhirGateway.Validation.Definitions;

/// <summary>One conformance resource, kept as its raw JSON until something needs it.</summary>
/// <param name="ResourceType">resourceType.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Json">The resource's UTF-8 JSON.</param>
internal sealed record RawResource(string ResourceType, string Url, ReadOnlyMemory<byte> Json)
{
    /// <summary>StructureDefinition.fhirVersion, when given.</summary>
    public string? FhirVersion { get; init; }

    /// <summary>Parses the resource.</summary>
    public JsonDocument Parse() => JsonDocument.Parse(Json);
}

/// <summary>
/// Reads Bundles and single resources into <see cref="RawResource"/>s with a forward-only scan, so that only the
/// resources actually used are ever parsed into documents.
/// </summary>
internal static class ResourceIndex
{
    /// <summary>Reads a gzipped Bundle.</summary>
    public static List<RawResource> ReadGzipped(Stream gzipped)
    {
        using var gz = new GZipStream(gzipped, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        return Read(buffer.ToArray());
    }

    /// <summary>Reads a Bundle (its entries' resources) or a single resource.</summary>
    public static List<RawResource> Read(byte[] json)
    {
        var result = new List<RawResource>();
        var memory = new ReadOnlyMemory<byte>(json);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("A conformance resource must be a JSON object.");
        }

        var top = Describe(memory);
        if (top.ResourceType != "Bundle")
        {
            if (top.Url is not null)
            {
                result.Add(top);
            }

            return result;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("entry"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isResource = reader.ValueTextEquals("resource"u8);
                    reader.Read();
                    if (!isResource)
                    {
                        reader.Skip();
                        continue;
                    }

                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var raw = Describe(memory[start..(int)reader.BytesConsumed]);
                    if (raw.Url is not null)
                    {
                        result.Add(raw);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Reads resourceType, url and fhirVersion from the top level of one resource.</summary>
    private static RawResource Describe(ReadOnlyMemory<byte> json)
    {
        string? type = null, url = null, version = null;
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var which = reader.ValueTextEquals("resourceType"u8) ? 1 : reader.ValueTextEquals("url"u8) ? 2 : reader.ValueTextEquals("fhirVersion"u8) ? 3 : 0;
            reader.Read();
            if (which == 0 || reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            var value = reader.GetString();
            switch (which)
            {
                case 1:
                    type = value;
                    break;
                case 2:
                    url = value;
                    break;
                default:
                    version = value;
                    break;
            }
        }

        return new RawResource(type ?? string.Empty, url!, json) { FhirVersion = version };
    }
}
