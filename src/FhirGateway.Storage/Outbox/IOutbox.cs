namespace FhirGateway.Storage.Outbox;

/// <summary>
/// The transactional outbox: items written with resource versions (<see cref="ResourceWrite.OutboxTopics"/>),
/// handed to background workers under time-limited leases. A lease is exclusive: no two workers, in this process or
/// in another gateway instance sharing the database, hold the same item at once. An item whose lease expires is
/// leased again (at-least-once delivery); a worker's <see cref="CompleteAsync"/> after its lease was taken over
/// reports false.
/// </summary>
public interface IOutbox
{
    /// <summary>Leases up to <see cref="OutboxLeaseRequest.MaxItems"/> available items, oldest first.</summary>
    Task<IReadOnlyList<OutboxItem>> LeaseAsync(OutboxLeaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a leased item once handled; false when the lease is no longer this worker's.</summary>
    Task<bool> CompleteAsync(OutboxItem item, CancellationToken cancellationToken = default);

    /// <summary>Gives a leased item back, available again after <paramref name="delay"/>; false when the lease is no longer this worker's.</summary>
    Task<bool> RetryLaterAsync(OutboxItem item, TimeSpan delay, CancellationToken cancellationToken = default);
}
