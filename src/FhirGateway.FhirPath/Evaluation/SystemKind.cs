namespace FhirGateway.FhirPath.Evaluation;

/// <summary>The FHIRPath system types (https://hl7.org/fhirpath/N1/#literals), plus None for complex nodes.</summary>
internal enum SystemKind : byte
{
    None,
    Boolean,
    Integer,
    Decimal,
    String,
    Date,
    DateTime,
    Time,
    Quantity,
}
