namespace FhirGateway.Api.Reindexing;

/// <summary>What one reindex run did.</summary>
/// <param name="Fingerprint">The running definitions' fingerprint; null when the indexer makes no search rows.</param>
/// <param name="Examined">Stale resources read.</param>
/// <param name="Reindexed">Resources whose rows were replaced (the others were written or reindexed meanwhile).</param>
/// <param name="Failed">Stored resources that could not be read back, left as they were.</param>
internal sealed record ReindexReport(string? Fingerprint, long Examined, long Reindexed, long Failed);
