namespace FhirGateway.Fhir.Model;

/// <summary>
/// The view of a resource that derives from Resource alone (Binary) and has no generated class; its elements
/// are reached through <see cref="FhirObject.Node"/>.
/// </summary>
public sealed class GenericResource : Resource
{
    /// <summary>Wraps an R4 resource node.</summary>
    public GenericResource(ElementNode node)
        : base(Expect(node, ModelTypes.Resource))
    {
    }
}
