using System.Globalization;
using System.Text.Json.Nodes;

namespace FhirGateway.Api.Patch;

/// <summary>The six operations of RFC 6902 section 4 on a <see cref="JsonNode"/> tree.</summary>
internal static class JsonPatchApplier
{
    /// <summary>Applies one operation and returns the (possibly replaced) root.</summary>
    public static JsonNode Apply(JsonNode root, JsonPatchOperation operation)
    {
        switch (operation.Op)
        {
            case "add":
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation.Index);
            case "remove":
                Remove(root, operation.Path, operation.Index);
                return root;
            case "replace":
                Remove(root, operation.Path, operation.Index);
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation.Index);
            case "move":
                var moved = Get(root, operation.From!, operation.Index);
                if (operation.From!.Tokens.Count == 0)
                {
                    throw Failed(operation.Index, "cannot move the whole document");
                }

                Remove(root, operation.From, operation.Index);
                return Add(root, operation.Path, moved, operation.Index);
            case "copy":
                return Add(root, operation.Path, Get(root, operation.From!, operation.Index)?.DeepClone(), operation.Index);
            default:
                var actual = Get(root, operation.Path, operation.Index);
                if (!JsonNode.DeepEquals(actual, operation.Value))
                {
                    throw Failed(operation.Index, $"test failed: the value at {operation.Path} differs");
                }

                return root;
        }
    }

    private static JsonNode? Get(JsonNode root, JsonPointer pointer, int index)
    {
        JsonNode? current = root;
        foreach (var token in pointer.Tokens)
        {
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when ArrayIndex(token, a.Count, false) is { } i => a[i],
                _ => throw Failed(index, $"{pointer} does not exist"),
            };
        }

        return current;
    }

    private static JsonNode Add(JsonNode root, JsonPointer path, JsonNode? value, int index)
    {
        if (path.Tokens.Count == 0)
        {
            return value ?? throw Failed(index, "the document cannot be replaced by null");
        }

        var parent = Parent(root, path, index);
        var last = path.Tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                var i = last == "-" ? a.Count : ArrayIndex(last, a.Count, true) ?? throw Failed(index, $"{path}: '{last}' is not an index of the array");
                a.Insert(i, value);
                break;
            default:
                throw Failed(index, $"the parent of {path} is not an object or array");
        }

        return root;
    }

    private static void Remove(JsonNode root, JsonPointer path, int index)
    {
        if (path.Tokens.Count == 0)
        {
            throw Failed(index, "the whole document cannot be removed");
        }

        var parent = Parent(root, path, index);
        var last = path.Tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when ArrayIndex(last, a.Count, false) is { } i:
                a.RemoveAt(i);
                break;
            default:
                throw Failed(index, $"{path} does not exist");
        }
    }

    private static JsonNode Parent(JsonNode root, JsonPointer path, int index)
    {
        var parentPointer = new JsonPointer(path.Text, path.Tokens.Take(path.Tokens.Count - 1).ToList());
        return Get(root, parentPointer, index) ?? throw Failed(index, $"the parent of {path} is null");
    }

    /// <summary>An array index: digits without leading zeros (RFC 6901 section 4), below the count (or at it, for add).</summary>
    private static int? ArrayIndex(string token, int count, bool allowEnd)
    {
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit) ||
            !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return null;
        }

        return i < count || (allowEnd && i == count) ? i : null;
    }

    private static JsonPatchException Failed(int index, string why) => new($"Operation {index.ToString(CultureInfo.InvariantCulture)}: {why}.", false);
}
