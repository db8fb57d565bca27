namespace FhirGateway.Storage;

/// <summary>Preconditions and notifications of a delete.</summary>
public sealed record DeleteOptions
{
    /// <summary>The version the caller last saw (https://hl7.org/fhir/R4/http.html#concurrency).</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Outbox topics: one outbox item per topic for the tombstone version.</summary>
    public IReadOnlyList<string> OutboxTopics { get; init; } = [];
}
