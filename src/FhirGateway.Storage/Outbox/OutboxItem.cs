namespace FhirGateway.Storage.Outbox;

/// <summary>A leased outbox item: a topic and the resource version that caused it.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Topic">The topic the write asked for.</param>
/// <param name="ResourceType">The resource type.</param>
/// <param name="ResourceId">The resource id.</param>
/// <param name="VersionId">The version written (a tombstone for a delete).</param>
/// <param name="Attempts">How many times the item has been leased, this lease included.</param>
/// <param name="CreatedAt">When the write committed the item.</param>
/// <param name="LeaseToken">The lease; completion and retry must present it.</param>
/// <param name="LeaseExpires">When the lease ends.</param>
public sealed record OutboxItem(
    long ItemId,
    string Topic,
    string ResourceType,
    string ResourceId,
    long VersionId,
    int Attempts,
    DateTimeOffset CreatedAt,
    Guid LeaseToken,
    DateTimeOffset LeaseExpires);
