namespace FhirGateway.Storage;

/// <summary>The outcome of a write (https://hl7.org/fhir/R4/http.html).</summary>
public enum WriteStatus
{
    /// <summary>A new resource, or an update that created (update as create, or a deleted resource brought back): 201.</summary>
    Created,

    /// <summary>A new version of a current resource: 200.</summary>
    Updated,

    /// <summary>A tombstone version was written: 200/204.</summary>
    Deleted,

    /// <summary>Delete of a resource already deleted: nothing written; the version is the existing tombstone.</summary>
    AlreadyDeleted,

    /// <summary>No such resource: an update without update-as-create, or a delete (nothing written).</summary>
    NotFound,

    /// <summary>The expected version is not the current one (412, https://hl7.org/fhir/R4/http.html#concurrency); the version is the current one, if any.</summary>
    VersionConflict,

    /// <summary>
    /// Conditional create found its claim held by another resource (https://hl7.org/fhir/R4/http.html#ccreate); the
    /// version is the holder's current one, <see cref="WriteResult.MatchedIds"/> its id.
    /// </summary>
    Exists,

    /// <summary>Conditional create matched several resources (412).</summary>
    MultipleMatches,
}
