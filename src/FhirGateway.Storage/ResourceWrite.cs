using FhirGateway.Fhir.Model;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage;

/// <summary>
/// What a create or update stores: the resource (its type names the resource type), the search-index rows and
/// identity keys of this version (they replace the previous version's), and the outbox topics to notify in the same
/// transaction. The store writes <c>id</c>, <c>meta.versionId</c> and <c>meta.lastUpdated</c> into a copy of the
/// resource (https://hl7.org/fhir/R4/resource.html#Meta); the caller's tree is left unchanged.
/// </summary>
/// <param name="Resource">The resource tree (a root resource node).</param>
public sealed record ResourceWrite(ElementNode Resource)
{
    /// <summary>The search-index rows of this version.</summary>
    public IReadOnlyList<IndexRow> IndexRows { get; init; } = [];

    /// <summary>
    /// Caller-computed lookup keys, each starting with the resource type, e.g.
    /// <c>Patient|identifier|https://fhir.nhs.uk/Id/nhs-number|9449305552</c>: the identifiers conditional criteria
    /// find resources by. Several resources may hold the same key.
    /// </summary>
    public IReadOnlyList<string> IdentityKeys { get; init; } = [];

    /// <summary>
    /// For a create or conditional create: the id to give the new resource, chosen by the server's REST layer (a
    /// transaction Bundle assigns ids before it writes, so its entries can refer to each other,
    /// https://hl7.org/fhir/R4/bundle.html#references). Null lets the store choose. It must be a FHIR id no resource of
    /// the type has ever had (use a fresh UUID); a taken id throws <see cref="InvalidOperationException"/>. Updates ignore it.
    /// </summary>
    public string? AssignedId { get; init; }

    /// <summary>Outbox topics: one outbox item per topic for the version written, in the same transaction.</summary>
    public IReadOnlyList<string> OutboxTopics { get; init; } = [];
}
