using FhirGateway.Api.Interactions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search;

namespace FhirGateway.Api.Bundles;

/// <summary>One entry of a batch or transaction Bundle, read into the interaction it asks for.</summary>
internal sealed record EntryRequest
{
    /// <summary>The entry's position in the Bundle (0-based, as in <c>Bundle.entry[i]</c>).</summary>
    public required int Index { get; init; }

    public required EntryKind Kind { get; init; }

    /// <summary>request.method.</summary>
    public required string Method { get; init; }

    /// <summary>The resource type the URL names (null for system history and system search).</summary>
    public string? Type { get; init; }

    public string? Id { get; init; }

    /// <summary>The compartment a search entry searches in (<c>Patient/[id]/[type]</c>).</summary>
    public CompartmentReference? Compartment { get; init; }

    public string? VersionId { get; init; }

    /// <summary>The criteria of a conditional update, patch or delete.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Criteria { get; init; } = [];

    /// <summary>The query of a history or search request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>request.url as sent, relative to the base.</summary>
    public required string Url { get; init; }

    /// <summary>entry.fullUrl.</summary>
    public string? FullUrl { get; init; }

    /// <summary>entry.resource as a root resource (create and update).</summary>
    public ElementNode? Resource { get; init; }

    /// <summary>The JSON Patch document of a patch (from a Binary resource).</summary>
    public ReadOnlyMemory<byte> Patch { get; init; }

    /// <summary>request.ifMatch, ifNoneMatch, ifModifiedSince and ifNoneExist.</summary>
    public Preconditions Preconditions { get; init; } = Preconditions.None;

    /// <summary>The order of https://hl7.org/fhir/R4/http.html#trules: DELETE, then POST, then PUT and PATCH, then GET.</summary>
    public int ProcessingOrder => Kind switch
    {
        EntryKind.Delete or EntryKind.ConditionalDelete => 0,
        EntryKind.Create => 1,
        EntryKind.Update or EntryKind.ConditionalUpdate or EntryKind.Patch or EntryKind.ConditionalPatch => 2,
        _ => 3,
    };

    /// <summary>Whether the entry writes.</summary>
    public bool IsWrite => ProcessingOrder < 3;
}
