namespace FhirGateway.Fhir.Definitions;

/// <summary>What a <see cref="TypeDefinition"/> describes, from StructureDefinition.kind.</summary>
public enum TypeKind
{
    /// <summary>A primitive type: a lexical value plus optional id and extensions.</summary>
    Primitive,

    /// <summary>A complex data type (HumanName, Quantity, ...).</summary>
    Complex,

    /// <summary>A resource type.</summary>
    Resource,

    /// <summary>An anonymous type declared inline by a resource or data type (a BackboneElement or Element with children).</summary>
    Backbone,
}
