namespace FhirGateway.Storage.Relational;

/// <summary>A row of <c>resources</c>: the resource's surrogate key and current state.</summary>
internal readonly record struct CurrentRow(long Key, long Version, bool Deleted, DateTimeOffset LastUpdated);
