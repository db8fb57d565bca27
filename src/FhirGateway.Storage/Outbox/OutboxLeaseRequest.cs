namespace FhirGateway.Storage.Outbox;

/// <summary>A worker's request for outbox items.</summary>
/// <param name="Worker">The worker's name (kept with the lease for diagnostics).</param>
/// <param name="MaxItems">At most this many items (1 to 1000).</param>
/// <param name="LeaseDuration">How long the items are the worker's before others may lease them again.</param>
public sealed record OutboxLeaseRequest(string Worker, int MaxItems, TimeSpan LeaseDuration)
{
    /// <summary>Only items of this topic; null for any topic.</summary>
    public string? Topic { get; init; }
}
