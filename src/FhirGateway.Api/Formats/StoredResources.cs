using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage;

namespace FhirGateway.Api.Formats;

/// <summary>
/// Writes stored resource versions. Compact JSON is served as the stored bytes, untouched (the store keeps canonical
/// JSON with id and meta already set), so a plain read costs no parsing; indented JSON re-indents the tokens, and XML
/// reads the JSON into the model once.
/// </summary>
internal static class StoredResources
{
    /// <summary>The body for <paramref name="version"/> in the negotiated format.</summary>
    public static ReadOnlyMemory<byte> Serialize(ResourceVersion version, ResponseFormat format) => format switch
    {
        { Format: FhirFormat.Json, Pretty: false } => version.Json,
        { Format: FhirFormat.Json } => JsonReformat.Indent(version.Json),
        _ => FhirXmlWriter.SerializeToUtf8(ToTree(version), format.Pretty),
    };

    /// <summary>The stored version as a resource tree.</summary>
    public static ElementNode ToTree(ResourceVersion version)
    {
        var result = FhirJsonReader.Parse(version.Json.Span);
        return result.Success
            ? result.Resource!
            : throw new InvalidOperationException($"A stored {version.ResourceType} version cannot be read back ({result.Issues.Count} issues).");
    }

    public static async Task WriteAsync(HttpContext context, ResourceVersion version, int statusCode)
    {
        var format = ResponseFormat.Of(context);
        var body = Serialize(version, format);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirSerializers.ContentType(format.Format);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
