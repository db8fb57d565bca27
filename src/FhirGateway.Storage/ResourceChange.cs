namespace FhirGateway.Storage;

/// <summary>The interaction that made a version; history entries report it as request.method (https://hl7.org/fhir/R4/http.html#history).</summary>
public enum ResourceChange
{
    /// <summary>A create (POST).</summary>
    Create = 1,

    /// <summary>An update, including update as create and bringing a deleted resource back (PUT).</summary>
    Update = 2,

    /// <summary>A delete: the version is a tombstone without content (DELETE).</summary>
    Delete = 3,

    /// <summary>A patch of the current version (PATCH).</summary>
    Patch = 4,

    /// <summary>An update that brought a deleted resource back (PUT answered 201).</summary>
    Recreate = 5,
}
