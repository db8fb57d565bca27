namespace FhirGateway.Storage;

/// <summary>The outcome of a read or vread.</summary>
public enum ReadStatus
{
    /// <summary>The version exists and holds content (200).</summary>
    Found,

    /// <summary>No such resource or version (404).</summary>
    NotFound,

    /// <summary>The resource is deleted, or the version asked for is the deletion (410, https://hl7.org/fhir/R4/http.html#read).</summary>
    Gone,
}
