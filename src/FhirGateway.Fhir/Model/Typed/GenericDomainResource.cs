namespace FhirGateway.Fhir.Model;

/// <summary>
/// The view of a domain resource that has no generated class (Medication, Condition, ...): it gives the
/// DomainResource elements (text, contained, extensions); the rest is reached through <see cref="FhirObject.Node"/>.
/// </summary>
public sealed class GenericDomainResource : DomainResource
{
    /// <summary>Wraps an R4 domain resource node.</summary>
    public GenericDomainResource(ElementNode node)
        : base(Expect(node, ModelTypes.DomainResource))
    {
    }
}
