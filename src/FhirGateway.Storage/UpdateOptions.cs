namespace FhirGateway.Storage;

/// <summary>Preconditions of an update.</summary>
public sealed record UpdateOptions
{
    /// <summary>
    /// The version the caller last saw (an <c>If-Match</c> ETag, https://hl7.org/fhir/R4/http.html#concurrency);
    /// any other current version, or no current resource, gives <see cref="WriteStatus.VersionConflict"/>.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Whether an update of an id never seen creates it (https://hl7.org/fhir/R4/http.html#upsert).</summary>
    public bool AllowCreate { get; init; }

    /// <summary>Whether the update is a patch (https://hl7.org/fhir/R4/http.html#patch), which history records as such.</summary>
    public bool IsPatch { get; init; }
}
