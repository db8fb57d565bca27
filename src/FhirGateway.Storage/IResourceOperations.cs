namespace FhirGateway.Storage;

/// <summary>
/// The single-resource interactions of the RESTful API (https://hl7.org/fhir/R4/http.html), available on the
/// store itself (each call its own transaction) and inside an <see cref="IResourceTransaction"/>. Expected outcomes
/// (not found, gone, version conflict, matches) are results, never exceptions; a write that does not succeed leaves
/// nothing behind, also inside a transaction. Resource types must be R4 resource types; ids that are not FHIR ids
/// (https://hl7.org/fhir/R4/datatypes.html#id) are never stored, so reads and deletes of them find nothing, and an
/// update to one is refused with an <see cref="ArgumentException"/>.
/// </summary>
public interface IResourceOperations
{
    /// <summary>
    /// Reads the current version (https://hl7.org/fhir/R4/http.html#read): <see cref="ReadStatus.Found"/>,
    /// <see cref="ReadStatus.Gone"/> with the deleting version, or <see cref="ReadStatus.NotFound"/>.
    /// </summary>
    Task<ReadResult> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one version (https://hl7.org/fhir/R4/http.html#vread); a version that is a deletion is
    /// <see cref="ReadStatus.Gone"/>, an unknown version <see cref="ReadStatus.NotFound"/>.
    /// </summary>
    Task<ReadResult> VReadAsync(string resourceType, string id, long versionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a resource with a server-assigned id (the store's, or <see cref="ResourceWrite.AssignedId"/>), versionId 1
    /// and lastUpdated set by the store (https://hl7.org/fhir/R4/http.html#create). Identity keys are not unique: any
    /// number of resources may carry the same identifier.
    /// </summary>
    Task<WriteResult> CreateAsync(ResourceWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the resource and takes <paramref name="claim"/> in the same transaction, unless another resource holds
    /// the claim (https://hl7.org/fhir/R4/http.html#ccreate): <see cref="WriteStatus.Created"/>, or
    /// <see cref="WriteStatus.Exists"/> with the holder's current version (nothing written). A unique constraint
    /// decides, so concurrent callers with the same claim get exactly one resource; a caller that loses waits for the
    /// winner's transaction to end (PostgreSQL) or for the write lock (SQLite). The store does not evaluate criteria:
    /// the caller checks that the holder still matches them and otherwise calls again with
    /// <see cref="ConditionalClaim.ReplacingHolder"/>. Without a claim, the claim is the write's identity keys (at
    /// least one), each as an <c>identifier</c> criterion.
    /// </summary>
    Task<WriteResult> ConditionalCreateAsync(ResourceWrite write, ConditionalClaim? claim = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a new version of <paramref name="id"/> (https://hl7.org/fhir/R4/http.html#update). With
    /// <see cref="UpdateOptions.ExpectedVersion"/> the write is version-aware
    /// (https://hl7.org/fhir/R4/http.html#concurrency); with <see cref="UpdateOptions.AllowCreate"/> an unknown id is
    /// created (update as create). A deleted resource is brought back by an update.
    /// </summary>
    Task<WriteResult> UpdateAsync(string id, ResourceWrite write, UpdateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a resource by writing a versioned tombstone (https://hl7.org/fhir/R4/http.html#delete); its index
    /// rows, identity keys and conditional claims go with it. Deleting an absent or deleted resource changes nothing
    /// (<see cref="WriteStatus.NotFound"/>, <see cref="WriteStatus.AlreadyDeleted"/>).
    /// </summary>
    Task<WriteResult> DeleteAsync(string resourceType, string id, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current resources holding any of <paramref name="identityKeys"/>, every holder of each key, ordered by key
    /// and id. It answers conditional interactions whose criteria map to identity keys
    /// (https://hl7.org/fhir/R4/http.html#cond-update, #cdelete); on its own it decides nothing under concurrency, so
    /// conditional create goes through <see cref="ConditionalCreateAsync"/>.
    /// </summary>
    Task<IReadOnlyList<IdentityKeyHolder>> FindIdentityKeyHoldersAsync(IReadOnlyList<string> identityKeys, CancellationToken cancellationToken = default);
}
