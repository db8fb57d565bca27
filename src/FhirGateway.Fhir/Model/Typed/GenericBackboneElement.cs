namespace FhirGateway.Fhir.Model;

/// <summary>The view of a backbone element of a resource that has no generated class.</summary>
public sealed class GenericBackboneElement : BackboneElement
{
    /// <summary>Wraps an R4 backbone element node.</summary>
    public GenericBackboneElement(ElementNode node)
        : base(Expect(node, ModelTypes.BackboneElement))
    {
    }
}
