namespace FhirGateway.Storage;

/// <summary>A current resource holding an identity key (<see cref="ResourceWrite.IdentityKeys"/>).</summary>
/// <param name="IdentityKey">The key.</param>
/// <param name="ResourceType">The holder's resource type (the key's first part).</param>
/// <param name="Id">The holder's id.</param>
public sealed record IdentityKeyHolder(string IdentityKey, string ResourceType, string Id);
