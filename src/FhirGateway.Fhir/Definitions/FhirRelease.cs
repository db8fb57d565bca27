namespace FhirGateway.Fhir.Definitions;

/// <summary>The FHIR releases whose official definitions the core loads.</summary>
public enum FhirRelease
{
    /// <summary>FHIR R4, 4.0.1: the gateway's canonical form.</summary>
    R4,

    /// <summary>FHIR STU3, 3.0.2: what the NHS event feeds (NEMS, Digital Child Health) send.</summary>
    Stu3,
}
