namespace FhirGateway.Fhir.Model;

/// <summary>
/// Base of the data types that R4 derives from BackboneElement (Timing, Dosage, ElementDefinition, ...). They
/// are data types, so they derive from <see cref="DataType"/> as R5's BackboneType does
/// (https://hl7.org/fhir/R5/types.html#BackboneType), and carry BackboneElement's modifierExtension.
/// </summary>
public abstract class BackboneType : DataType
{
    private protected BackboneType(ElementNode node)
        : base(node)
    {
    }

    /// <summary>Extensions that cannot be ignored even if unrecognized (https://hl7.org/fhir/R4/extensibility.html#modifierExtension).</summary>
    public ElementList<Extension> ModifierExtension => GetList<Extension>("modifierExtension");
}
