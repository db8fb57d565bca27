using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>Reads a FHIR JSON or XML response body with the gateway's own readers, asserting it is valid.</summary>
internal static class FhirResponse
{
    public const string JsonMediaType = "application/fhir+json";

    public const string XmlMediaType = "application/fhir+xml";

    public static async Task<ElementNode> ReadAsync(HttpResponseMessage response, string expectedType, string mediaType = JsonMediaType)
    {
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        var result = mediaType == XmlMediaType ? FhirXmlReader.Parse(body) : FhirJsonReader.Parse(body);
        Assert.True(result.Issues.Count == 0, "the response has issues: " + string.Join("; ", result.Issues));
        var resource = Assert.IsType<ElementNode>(result.Resource);
        Assert.Equal(expectedType, resource.Type.Name);
        return resource;
    }

    /// <summary>The value of a primitive reached by a dotted path of element names (first child at each step).</summary>
    public static string? Value(this ElementNode node, string path)
    {
        ElementNode? current = node;
        foreach (var name in path.Split('.'))
        {
            current = current?.Child(name);
        }

        return current?.Value;
    }
}
