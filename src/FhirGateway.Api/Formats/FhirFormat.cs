namespace FhirGateway.Api.Formats;

/// <summary>The FHIR representations (https://hl7.org/fhir/R4/formats.html).</summary>
internal enum FhirFormat
{
    /// <summary>application/fhir+json.</summary>
    Json,

    /// <summary>application/fhir+xml.</summary>
    Xml,
}
