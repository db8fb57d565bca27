using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>Reads batch-response, transaction-response and history Bundles in tests.</summary>
internal static class Bundles
{
    public static List<ElementNode> Entries(this ElementNode bundle) => bundle.ChildrenNamed("entry").ToList();

    /// <summary>entry.response.status, e.g. <c>201 Created</c>.</summary>
    public static string? Status(this ElementNode entry) => entry.Value("response.status");

    public static ElementNode? Resource(this ElementNode entry) => entry.Child("resource");

    /// <summary>The link of a relation, if present.</summary>
    public static string? Link(this ElementNode bundle, string relation) =>
        bundle.ChildrenNamed("link").FirstOrDefault(l => l.Value("relation") == relation)?.Value("url");

    /// <summary>A transaction or batch Bundle from its entries' JSON.</summary>
    public static string Of(string type, params string[] entries) =>
        $$"""{"resourceType":"Bundle","type":"{{type}}","entry":[{{string.Join(",", entries)}}]}""";

    public static string Entry(string method, string url, string? resource = null, string? fullUrl = null, string? extraRequest = null) =>
        "{" +
        (fullUrl is null ? string.Empty : $"\"fullUrl\":\"{fullUrl}\",") +
        (resource is null ? string.Empty : $"\"resource\":{resource},") +
        $"\"request\":{{\"method\":\"{method}\",\"url\":\"{url}\"{(extraRequest is null ? string.Empty : "," + extraRequest)}}}}}";

    public static string NewUrn() => "urn:uuid:" + Guid.NewGuid().ToString("D");
}
