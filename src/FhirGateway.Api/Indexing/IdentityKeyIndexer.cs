using FhirGateway.Fhir.Model;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Indexing;

/// <summary>
/// The indexer until search exists: no index rows, and one identity key per business identifier (system and value
/// both present) of the types with an <c>identifier</c> search parameter. Identity keys are unique per type, so two
/// current resources of a type never share such an identifier; that is what makes conditional create race-free.
/// </summary>
internal sealed class IdentityKeyIndexer : IResourceIndexer
{
    public ResourceIndex Index(ElementNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var type = resource.Type.Name;
        if (!IdentifierSearchParameter.Types.Contains(type))
        {
            return ResourceIndex.Empty;
        }

        List<string>? keys = null;
        foreach (var identifier in resource.ChildrenNamed(IdentifierSearchParameter.Code))
        {
            if (identifier.Child("system")?.Value is { Length: > 0 } system &&
                identifier.Child("value")?.Value is { Length: > 0 } value &&
                IdentityKeys.ForIdentifier(type, system, value) is { } key)
            {
                (keys ??= []).Add(key);
            }
        }

        return keys is null ? ResourceIndex.Empty : new ResourceIndex([], keys);
    }
}
