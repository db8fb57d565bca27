namespace FhirGateway.Api.Patch;

/// <summary>A JSON Patch that is malformed (<see cref="IsMalformed"/>) or cannot be applied to the document (RFC 6902 section 5).</summary>
internal sealed class JsonPatchException(string message, bool isMalformed) : Exception(message)
{
    /// <summary>Whether the patch document itself is wrong, rather than its fit to the target.</summary>
    public bool IsMalformed { get; } = isMalformed;
}
