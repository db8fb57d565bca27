using System.Text.Json.Nodes;

namespace FhirGateway.Api.Patch;

/// <summary>One operation of a JSON Patch document (RFC 6902 section 4).</summary>
/// <param name="Op">add, remove, replace, move, copy or test.</param>
/// <param name="Path">The target location (a JSON Pointer, RFC 6901).</param>
/// <param name="From">The source location of move and copy.</param>
/// <param name="Value">The value of add, replace and test.</param>
/// <param name="Index">The operation's position in the document, for messages.</param>
internal sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonPointer? From, JsonNode? Value, int Index);
