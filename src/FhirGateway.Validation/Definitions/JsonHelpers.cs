using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FhirGateway.Validation.Definitions;

/// <summary>Small readers over definition JSON.</summary>
internal static class JsonHelpers
{
    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static int? Int(this JsonNode? node, string name)
    {
        if (node is not JsonObject o || !o.TryGetPropertyValue(name, out var v) || v is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<int>(),
            JsonValueKind.String when int.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };
    }

    public static bool Bool(this JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonNode> Items(this JsonNode? node, string name)
    {
        if (node is not JsonObject o || !o.TryGetPropertyValue(name, out var v) || v is null)
        {
            yield break;
        }

        if (v is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
        else
        {
            yield return v;
        }
    }

    public static string[] Strings(this JsonNode? node, string name)
    {
        var result = new List<string>();
        foreach (var item in node.Items(name))
        {
            if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                result.Add(value.GetValue<string>());
            }
        }

        return [.. result];
    }

    /// <summary>The value of an extension with the given URL on a node, as a string.</summary>
    public static string? ExtensionString(this JsonNode? node, string url)
    {
        foreach (var ext in node.Items("extension"))
        {
            if (ext.Str("url") != url || ext is not JsonObject o)
            {
                continue;
            }

            foreach (var (key, value) in o)
            {
                if (key.StartsWith("value", StringComparison.Ordinal) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    return v.GetValue<string>();
                }
            }
        }

        return null;
    }
}
