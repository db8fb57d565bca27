using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>
/// The .NET type a primitive's value is given as, from the FHIRPath system type of its root primitive
/// (https://hl7.org/fhir/R4/datatypes.html#primitive): booleans, integers and decimals get .NET values,
/// everything else (dates included, which may be partial) stays text.
/// </summary>
internal sealed record PrimitiveValueKind(string ValueType, string Accessor, string Read, string Write)
{
    public static readonly PrimitiveValueKind Text = new("string?", "String", "PrimitiveValues.ToText", "PrimitiveValues.FromText");
    public static readonly PrimitiveValueKind Boolean = new("bool?", "Boolean", "PrimitiveValues.ToBoolean", "PrimitiveValues.FromBoolean");
    public static readonly PrimitiveValueKind Integer = new("int?", "Int32", "PrimitiveValues.ToInt32", "PrimitiveValues.FromInt32");
    public static readonly PrimitiveValueKind Decimal = new("decimal?", "Decimal", "PrimitiveValues.ToDecimal", "PrimitiveValues.FromDecimal");

    public static PrimitiveValueKind Of(TypeDefinition primitive) => (primitive.JsonKind, primitive.SystemType) switch
    {
        (PrimitiveJsonKind.Boolean, _) => Boolean,
        (PrimitiveJsonKind.Number, "Integer") => Integer,
        (PrimitiveJsonKind.Number, "Decimal") => Decimal,
        (PrimitiveJsonKind.Number, var s) => throw new InvalidOperationException($"Unexpected number type {s} of {primitive.Name}."),
        _ => Text,
    };
}
