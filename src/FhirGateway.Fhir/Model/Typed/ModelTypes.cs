using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>Finds the R4 type definitions the typed classes view.</summary>
internal static class ModelTypes
{
    public static TypeDefinition Resource => FhirModel.R4.GetType("Resource");

    public static TypeDefinition DomainResource => FhirModel.R4.GetType("DomainResource");

    public static TypeDefinition BackboneElement => FhirModel.R4.GetType("BackboneElement");

    /// <summary>A named type (<c>Patient</c>, <c>code</c>) or a backbone by its path (<c>Bundle.entry.request</c>).</summary>
    public static TypeDefinition Get(string nameOrPath)
    {
        var parts = nameOrPath.Split('.');
        var type = FhirModel.R4.GetType(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            var element = type.FindElement(parts[i]);
            if (element is not { Types: [{ Kind: TypeKind.Backbone } backbone] })
            {
                throw new KeyNotFoundException($"FHIR {FhirModel.R4.Version} has no backbone element {nameOrPath}.");
            }

            type = backbone;
        }

        return type;
    }
}
