namespace FhirGateway.Storage.History;

/// <summary>One page of history.</summary>
/// <param name="Entries">The versions, newest first (https://hl7.org/fhir/R4/http.html#history).</param>
/// <param name="Next">Where the next page starts, or null when this is the last page.</param>
public sealed record HistoryPage(IReadOnlyList<ResourceVersion> Entries, HistoryCursor? Next);
