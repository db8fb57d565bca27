namespace FhirGateway.Storage;

/// <summary>
/// A unit of work for a transaction Bundle (https://hl7.org/fhir/R4/http.html#trules): reads see the unit's own
/// writes; nothing is visible to others until <see cref="CommitAsync"/>; disposing without committing rolls back.
/// Searches and history read inside the unit too, so a transaction's GET entries see its writes
/// (https://hl7.org/fhir/R4/http.html#trules). Use one operation at a time (not thread-safe). On PostgreSQL two units
/// of work may deadlock on shared rows; the database then aborts one with a transient error and the caller may retry
/// the whole Bundle.
/// </summary>
public interface IResourceTransaction : IResourceOperations, Search.IResourceSearch, IAsyncDisposable
{
    /// <summary>Reads one page of history as <see cref="IResourceStore.HistoryAsync"/> does, with the unit's own writes.</summary>
    Task<History.HistoryPage> HistoryAsync(History.HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Commits every write of the unit of work at once.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
