namespace FhirGateway.Api.Interactions;

/// <summary>Where an interaction applies (https://hl7.org/fhir/R4/http.html: instance, type and whole-system interactions).</summary>
internal enum InteractionLevel
{
    Instance,
    Type,
    System,

    /// <summary>A search within a compartment (https://hl7.org/fhir/R4/compartmentdefinition.html#search).</summary>
    Compartment,
}

/// <summary>
/// Endpoint metadata naming the FHIR interaction a route serves, with its CapabilityStatement code
/// (https://hl7.org/fhir/R4/valueset-type-restful-interaction.html) or operation name; tests compare the routes
/// against the CapabilityStatement with it.
/// </summary>
/// <param name="Code">The interaction code (<c>read</c>, <c>history-type</c>, ...), or <c>$name</c> for an operation.</param>
/// <param name="Level">Where it applies.</param>
internal sealed record FhirInteraction(string Code, InteractionLevel Level);
