namespace FhirGateway.Storage;

/// <summary>
/// What a conditional create claims (https://hl7.org/fhir/R4/http.html#ccreate): its normalized criteria, held by at
/// most one resource at a time in the store's <c>conditional_claims</c> table, whose unique key decides between
/// concurrent creators with the same criteria (the technique of HAPI FHIR's <c>HFJ_RES_SEARCH_URL</c> table). The
/// claim is written in the transaction that writes the resource, and released when that resource is deleted.
/// </summary>
/// <param name="Criteria">
/// The criteria in one canonical form, starting with the resource type: <c>Patient?identifier=...</c> with the
/// parameters sorted (the REST layer builds it). Two requests with the same criteria must give the same text.
/// </param>
public sealed record ConditionalClaim(string Criteria)
{
    /// <summary>
    /// The id of a resource that holds the claim but no longer matches the criteria (it was updated since, or never
    /// matched them): the claim passes from it to the new resource, provided it is still that resource's. A claim that
    /// has meanwhile passed to another resource is not taken.
    /// </summary>
    public string? ReplacingHolder { get; init; }
}
