namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// How a primitive's value is written in JSON. R4 derives it from the FHIRPath system type of the
/// <c>value</c> element (System.Boolean, System.Integer, System.Decimal); STU3 states it with the
/// structuredefinition-json-type extension. https://hl7.org/fhir/R4/json.html#primitive
/// </summary>
public enum PrimitiveJsonKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number, kept exactly as written.</summary>
    Number,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
}
