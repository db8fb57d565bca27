using System.Text.Json;
using System.Text.Json.Nodes;

namespace FhirGateway.Api.Patch;

/// <summary>
/// A JSON Patch document (RFC 6902), applied to a resource's JSON (https://hl7.org/fhir/R4/http.html#patch). The
/// operations apply in order to one copy of the document; if any fails, none has effect (section 5).
/// </summary>
internal sealed class JsonPatchDocument
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private JsonPatchDocument(IReadOnlyList<JsonPatchOperation> operations) => Operations = operations;

    public IReadOnlyList<JsonPatchOperation> Operations { get; }

    /// <summary>Reads a patch document; throws a malformed <see cref="JsonPatchException"/> for anything RFC 6902 does not allow.</summary>
    public static JsonPatchDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8.Span, NodeOptions, new JsonDocumentOptions { MaxDepth = 100 });
        }
        catch (JsonException e)
        {
            throw new JsonPatchException($"The patch is not valid JSON: {e.Message}", true);
        }

        if (root is not JsonArray array)
        {
            throw new JsonPatchException("A JSON Patch document is an array of operations (RFC 6902 section 3).", true);
        }

        var operations = new List<JsonPatchOperation>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            operations.Add(ReadOperation(array[i], i));
        }

        return new JsonPatchDocument(operations);
    }

    /// <summary>Applies the operations to <paramref name="document"/> and returns the result; the input is left unchanged.</summary>
    public JsonNode Apply(JsonNode document)
    {
        var target = document.DeepClone();
        foreach (var operation in Operations)
        {
            target = JsonPatchApplier.Apply(target, operation);
        }

        return target;
    }

    private static JsonPatchOperation ReadOperation(JsonNode? node, int index)
    {
        if (node is not JsonObject operation)
        {
            throw new JsonPatchException($"Operation {index} is not a JSON object.", true);
        }

        var op = Member(operation, "op", index);
        var path = JsonPointer.Parse(Member(operation, "path", index), index);
        var hasValue = operation.TryGetPropertyValue("value", out var value);
        switch (op)
        {
            case "add" or "replace" or "test":
                if (!hasValue)
                {
                    throw new JsonPatchException($"Operation {index} ({op}) has no value.", true);
                }

                return new JsonPatchOperation(op, path, null, value?.DeepClone(), index);
            case "remove":
                return new JsonPatchOperation(op, path, null, null, index);
            case "move" or "copy":
                var from = JsonPointer.Parse(Member(operation, "from", index), index);
                if (op == "move" && path.IsWithin(from) && path.Tokens.Count > from.Tokens.Count)
                {
                    throw new JsonPatchException($"Operation {index} moves {from} into one of its own children (RFC 6902 section 4.4).", true);
                }

                return new JsonPatchOperation(op, path, from, null, index);
            default:
                throw new JsonPatchException($"Operation {index} has the unknown op '{op}'.", true);
        }
    }

    private static string Member(JsonObject operation, string name, int index) =>
        operation.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new JsonPatchException($"Operation {index} needs a string '{name}'.", true);
}
