namespace FhirGateway.Storage.Indexing;

/// <summary>
/// Evaluates the criteria of conditional interactions (the search parameters of conditional create, update, patch
/// and delete, https://hl7.org/fhir/R4/http.html#ccreate) against a store or a unit of work. Until search exists, the
/// gateway's matcher evaluates only criteria that map to identity keys and to ids, and refuses the rest by name; the
/// search component replaces it with one that runs any search, keeping the identity keys so that conditional creates
/// stay race-free.
/// </summary>
public interface IConditionalMatcher
{
    /// <summary>
    /// The current resources of <paramref name="resourceType"/> that meet every criterion (parameter names with their
    /// modifiers, values as sent, result parameters such as <c>_format</c> already removed).
    /// </summary>
    Task<ConditionalMatch> MatchAsync(
        IResourceOperations store, string resourceType, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken = default);
}
