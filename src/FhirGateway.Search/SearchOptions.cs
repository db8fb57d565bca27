namespace FhirGateway.Search;

/// <summary>How one search request runs: what the REST layer knows about the request and the caller.</summary>
public sealed record SearchOptions
{
    /// <summary>
    /// <c>Prefer: handling=strict</c> (https://hl7.org/fhir/R4/search.html#errors): unknown and unsupported parameters
    /// make the search fail (400) instead of being ignored and reported.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The FHIR base URL of the request (<c>https://gateway.example.org/fhir</c>): reference values on it are local
    /// references. The configured <c>Search:LocalBaseUrls</c> count as well.
    /// </summary>
    public string? BaseUrl { get; init; }

    /// <summary>
    /// A compartment search (https://hl7.org/fhir/R4/compartmentdefinition.html#search), <c>Patient/123/Observation?...</c>:
    /// only resources in the compartment of that resource match. Only the Patient compartment is known.
    /// </summary>
    public CompartmentReference? Compartment { get; init; }

    /// <summary>
    /// The resource types the caller may read, or null for any. Includes never add resources of other types, and a
    /// system search searches only these (whatever <c>_type</c> asks for). Checking the searched type itself is the caller's.
    /// </summary>
    public IReadOnlySet<string>? ReadableTypes { get; init; }

    /// <summary>
    /// For a caller allowed to read only part of some types: the criteria a resource of a type must meet to be added by
    /// <c>_include</c> or <c>_revinclude</c> (null for none), for example
    /// <see cref="SearchService.CompartmentCriterion"/> for a token limited to one patient. Matches are the caller's
    /// to restrict, through the criteria or <see cref="Compartment"/>.
    /// </summary>
    public Func<string, IReadOnlyList<Storage.Search.SearchCriterion>?>? IncludeCriteria { get; init; }

    /// <summary>
    /// Where to search instead of the store's committed data: a transaction's unit of work, so that its GET entries see
    /// its writes (https://hl7.org/fhir/R4/http.html#trules). Null for the store.
    /// </summary>
    public Storage.Search.IResourceSearch? Within { get; init; }
}

/// <summary>The resource whose compartment is searched: <c>Patient/123</c>.</summary>
/// <param name="ResourceType">The compartment type (Patient).</param>
/// <param name="Id">The resource id.</param>
public sealed record CompartmentReference(string ResourceType, string Id);
