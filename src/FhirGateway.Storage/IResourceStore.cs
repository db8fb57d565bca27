using FhirGateway.Storage.History;

namespace FhirGateway.Storage;

/// <summary>
/// The resource store: every version of every locally held resource as canonical JSON, with the search-index rows,
/// identity keys and outbox items of the current versions. The REST layer may route some resource types elsewhere
/// (upstream servers) and never call the store for them.
/// </summary>
public interface IResourceStore : IResourceOperations
{
    /// <summary>
    /// Reads one page of history, newest first (https://hl7.org/fhir/R4/http.html#history): of one resource, one
    /// resource type or the whole system. Paging is keyset based, so versions written after the first page never
    /// shift later pages.
    /// </summary>
    Task<HistoryPage> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a unit of work whose writes commit all together or not at all, for a transaction Bundle
    /// (https://hl7.org/fhir/R4/http.html#transaction). Disposing it without <see cref="IResourceTransaction.CommitAsync"/>
    /// rolls everything back.
    /// </summary>
    Task<IResourceTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default);
}
