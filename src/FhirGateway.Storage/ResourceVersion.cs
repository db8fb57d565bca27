namespace FhirGateway.Storage;

/// <summary>One stored version of a resource.</summary>
/// <param name="ResourceType">The resource type.</param>
/// <param name="Id">The logical id.</param>
/// <param name="VersionId">The version, from 1, as in <c>meta.versionId</c>.</param>
/// <param name="LastUpdated">When the version was written, as in <c>meta.lastUpdated</c> (UTC, millisecond precision).</param>
/// <param name="Change">The interaction that made the version.</param>
/// <param name="Json">The resource as canonical FHIR JSON (UTF-8) with id and meta set; empty for a deletion.</param>
public sealed record ResourceVersion(string ResourceType, string Id, long VersionId, DateTimeOffset LastUpdated, ResourceChange Change, ReadOnlyMemory<byte> Json)
{
    /// <summary>Whether the version is a deletion.</summary>
    public bool IsDeleted => Change == ResourceChange.Delete;
}
