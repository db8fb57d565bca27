using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Writes an <see cref="ElementNode"/> tree as FHIR JSON (https://hl7.org/fhir/R4/json.html): resourceType
/// first, elements in definition order, repeating elements as arrays, primitives split into the value and
/// its <c>_name</c> partner when they carry an id or extensions, numbers and booleans unquoted and decimals
/// exactly as held.
/// </summary>
public static class FhirJsonWriter
{
    private static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");

    // The ASCII characters every JSON encoder escapes: controls, quotation mark and reverse solidus.
    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\']);

    private static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    /// <summary>Writes options for a writer of the given style (relaxed escaping: narrative stays readable).</summary>
    public static JsonWriterOptions WriterOptions(bool pretty) => pretty ? Indented : Compact;

    /// <summary>Serializes a resource to UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8(ElementNode resource, bool pretty = false)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(pretty)))
        {
            Write(resource, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes a resource to a JSON string.</summary>
    public static string SerializeToString(ElementNode resource, bool pretty = false) =>
        System.Text.Encoding.UTF8.GetString(SerializeToUtf8(resource, pretty));

    /// <summary>Writes a resource (or any complex node) as one JSON object.</summary>
    public static void Write(ElementNode node, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(writer);
        WriteObject(node, writer);
    }

    private static void WriteObject(ElementNode node, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (node.IsResource)
        {
            writer.WriteString(ResourceType, node.Type.Name);
        }

        WriteMembers(node, writer);
        writer.WriteEndObject();
    }

    private static void WriteMembers(ElementNode node, Utf8JsonWriter writer)
    {
        var children = node.Children;
        var i = 0;
        while (i < children.Length)
        {
            var first = children[i];
            var element = first.Definition!;
            var end = i + 1;
            while (end < children.Length && ReferenceEquals(children[end].Definition, element))
            {
                end++;
            }

            var group = children[i..end];
            i = end;
            var names = element.JsonNames(element.IsResourceContainer ? null : first.Type);
            if (first.Type.IsPrimitive && !element.IsResourceContainer)
            {
                WritePrimitives(element.IsRepeating ? group : group[..1], names, element.IsRepeating, writer);
            }
            else if (element.IsRepeating)
            {
                if (!AnyContent(group))
                {
                    continue;
                }

                writer.WriteStartArray(names.Name);
                foreach (var item in group)
                {
                    if (HasContent(item))
                    {
                        WriteObject(item, writer);
                    }
                }

                writer.WriteEndArray();
            }
            else if (HasContent(first))
            {
                writer.WritePropertyName(names.Name);
                WriteObject(first, writer);
            }
        }
    }

    private static void WritePrimitives(ReadOnlySpan<ElementNode> group, (JsonEncodedText Name, JsonEncodedText ExtensionName) names, bool repeating, Utf8JsonWriter writer)
    {
        var hasValue = false;
        var hasExtension = false;
        foreach (var p in group)
        {
            hasValue |= p.Value is not null;
            hasExtension |= AnyContent(p.Children);
        }

        if (!repeating)
        {
            var p = group[0];
            if (hasValue)
            {
                writer.WritePropertyName(names.Name);
                WriteValue(p, writer);
            }

            if (hasExtension)
            {
                writer.WritePropertyName(names.ExtensionName);
                writer.WriteStartObject();
                WriteMembers(p, writer);
                writer.WriteEndObject();
            }

            return;
        }

        // The two arrays align item by item, null holding the place of a missing part; an item with neither part
        // is left out of both, since a null on both sides is not allowed.
        if (hasValue)
        {
            writer.WriteStartArray(names.Name);
            foreach (var p in group)
            {
                if (p.Value is not null)
                {
                    WriteValue(p, writer);
                }
                else if (HasContent(p))
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }

        if (hasExtension)
        {
            writer.WriteStartArray(names.ExtensionName);
            foreach (var p in group)
            {
                if (AnyContent(p.Children))
                {
                    writer.WriteStartObject();
                    WriteMembers(p, writer);
                    writer.WriteEndObject();
                }
                else if (p.Value is not null)
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// Whether a node has anything to write. Elements without content are left out, never written as an empty
    /// object or a lone null (https://hl7.org/fhir/R4/json.html), which a reader would refuse; a resource always
    /// has its resourceType. The search stops at the first value, so it costs little on real trees.
    /// </summary>
    private static bool HasContent(ElementNode node) => node.IsResource || node.Value is not null || AnyContent(node.Children);

    private static bool AnyContent(ReadOnlySpan<ElementNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (HasContent(node))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteValue(ElementNode primitive, Utf8JsonWriter writer)
    {
        var value = primitive.Value!;
        switch (primitive.Type.JsonKind)
        {
            case Definitions.PrimitiveJsonKind.Boolean:
                writer.WriteBooleanValue(value switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new FormatException($"'{value}' is not a FHIR boolean ({primitive.Definition?.Path})."),
                });
                break;
            case Definitions.PrimitiveJsonKind.Number:
                if (!IsJsonNumber(value))
                {
                    throw new FormatException($"'{value}' is not a number ({primitive.Definition?.Path}).");
                }

                writer.WriteRawValue(value, skipInputValidation: true);
                break;
            default:
                WriteString(value, writer);
                break;
        }
    }

    /// <summary>
    /// Writes a string value. Strings that need escaping (narrative and markdown, with their quotes and line
    /// breaks) are transcoded to UTF-8 first: the writer escapes UTF-8 about twice as fast as UTF-16, and the
    /// output is the same bytes. Everything else takes the writer's direct UTF-16 path, faster for short values.
    /// </summary>
    private static void WriteString(string value, Utf8JsonWriter writer)
    {
        if (value.AsSpan().IndexOfAny(NeedsEscaping) < 0)
        {
            writer.WriteStringValue(value);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            // A lone surrogate is not UTF-16 that transcodes; the writer's own path deals with it.
            if (Utf8.FromUtf16(value, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                writer.WriteStringValue(buffer.AsSpan(0, written));
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether <paramref name="value"/> is a JSON number (RFC 8259 section 6), so it can be written unquoted as is.</summary>
    private static bool IsJsonNumber(string value)
    {
        var i = 0;
        var n = value.Length;
        if (i < n && value[i] == '-')
        {
            i++;
        }

        if (i >= n || !char.IsAsciiDigit(value[i]))
        {
            return false;
        }

        if (value[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < n && char.IsAsciiDigit(value[i]))
            {
                i++;
            }
        }

        if (i < n && value[i] == '.')
        {
            i++;
            var start = i;
            while (i < n && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < n && (value[i] == 'e' || value[i] == 'E'))
        {
            i++;
            if (i < n && (value[i] == '+' || value[i] == '-'))
            {
                i++;
            }

            var start = i;
            while (i < n && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == n;
    }
}
