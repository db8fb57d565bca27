using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// A Bundle the server answers with (history, batch-response, transaction-response; https://hl7.org/fhir/R4/bundle.html),
/// holding stored versions as they are, so that JSON responses embed the stored bytes without reading them.
/// </summary>
/// <param name="Type">Bundle.type.</param>
internal sealed record ResponseBundle(string Type)
{
    /// <summary>Bundle.id: a new id per response.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("D");

    /// <summary>Bundle.link: relation and URL.</summary>
    public List<KeyValuePair<string, string>> Links { get; } = [];

    public List<ResponseEntry> Entries { get; } = [];
}

/// <summary>One entry of a <see cref="ResponseBundle"/>.</summary>
internal sealed record ResponseEntry
{
    public string? FullUrl { get; init; }

    /// <summary>entry.resource, as stored.</summary>
    public ResourceVersion? Resource { get; init; }

    /// <summary>entry.resource when it is not a stored version (an OperationOutcome, for example).</summary>
    public ElementNode? ResourceNode { get; init; }

    /// <summary>entry.request (history): method and URL.</summary>
    public (string Method, string Url)? Request { get; init; }

    /// <summary>entry.response.status, e.g. <c>201 Created</c>.</summary>
    public required string Status { get; init; }

    public string? Location { get; init; }

    public string? Etag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>entry.response.outcome.</summary>
    public ElementNode? Outcome { get; init; }
}
