using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>
/// A type specifier (https://hl7.org/fhirpath/N1/#types-and-reflection): an optionally qualified type name.
/// An unqualified name is looked up in the FHIR model first and then among the System types, so
/// <c>boolean</c> is FHIR.boolean and <c>Boolean</c> is System.Boolean.
/// </summary>
internal sealed class TypeSpecifier
{
    private ResolvedType? _cache;

    public TypeSpecifier(string? qualifier, string name)
    {
        Qualifier = qualifier;
        Name = name;
        SystemKind = qualifier is null or "System" ? SystemKindOf(name) : null;
    }

    /// <summary><c>FHIR</c>, <c>System</c> or null.</summary>
    public string? Qualifier { get; }

    public string Name { get; }

    /// <summary>The System type the name stands for; None for System.Any; null when it names no System type.</summary>
    public SystemKind? SystemKind { get; }

    public bool IsAny => SystemKind == Evaluation.SystemKind.None;

    public override string ToString() => Qualifier is null ? Name : Qualifier + "." + Name;

    /// <summary>The FHIR type of the name in a model; null when the name is not a FHIR type (or is qualified System).</summary>
    public TypeDefinition? FhirType(FhirModel model)
    {
        if (Qualifier == "System")
        {
            return null;
        }

        var cache = _cache;
        if (cache is not null && ReferenceEquals(cache.Model, model))
        {
            return cache.Type;
        }

        var type = model.FindType(Name);
        _cache = new ResolvedType(model, type);
        return type;
    }

    /// <summary>
    /// Whether an item is of this type: for <c>is</c> (<paramref name="cast"/> false) or for <c>as</c> and
    /// <c>ofType</c> (<paramref name="cast"/> true).
    /// <para>
    /// <c>is</c> takes a FHIR primitive as its FHIR type or a base of it (a code is a string), never as a System type:
    /// the official R4 cases testType12 and testType14 expect <c>Patient.active.is(Boolean)</c> and
    /// <c>is(System.Boolean)</c> to be false.
    /// </para>
    /// <para>
    /// <c>as</c> and <c>ofType</c> take a FHIR primitive by its exact FHIR type (testFHIRPathAsFunction11 and 16: a code
    /// is not returned by <c>as(string)</c>), and an unqualified System type name that names no FHIR type
    /// (<c>DateTime</c>, <c>String</c>, <c>Boolean</c>...) also keeps the FHIR primitives of that System type, the item
    /// itself unchanged: https://hl7.org/fhir/R4/fhirpath.html#types maps each FHIR primitive to its System type
    /// (dateTime and instant to DateTime, date to Date, string, code, id, uri... to String), and R4's own definitions
    /// rely on it (Observation's code-value-date component is <c>value.as(DateTime) | value.as(Period)</c>).
    /// </para>
    /// </summary>
    public bool Matches(object item, bool cast, int position)
    {
        if (IsAny)
        {
            return true;
        }

        if (item is ElementNode node)
        {
            if (Qualifier == "System")
            {
                // A FHIR element is never of a System type: Patient.is(System.Patient) is false.
                return false;
            }

            var type = FhirType(node.Type.Model);
            if (type is null)
            {
                return SystemKind is { } kind
                    ? cast && Qualifier is null && node.Type.IsPrimitive && SystemValue.KindOf(node.Type) == kind
                    : throw Unknown(position);
            }

            return cast && type.IsPrimitive ? ReferenceEquals(type, node.Type) : type.IsAssignableFrom(node.Type);
        }

        if (Qualifier == "FHIR")
        {
            return FhirType(FhirModel.R4) is not null ? false : throw Unknown(position);
        }

        if (SystemKind is null)
        {
            return FhirType(FhirModel.R4) is not null ? false : throw Unknown(position);
        }

        return SystemValue.KindOf(item) == SystemKind;
    }

    private FhirPathEvaluationException Unknown(int position) => new($"Unknown type '{this}'", position);

    private static SystemKind? SystemKindOf(string name) => name switch
    {
        "Boolean" => Evaluation.SystemKind.Boolean,
        "Integer" => Evaluation.SystemKind.Integer,
        "Decimal" => Evaluation.SystemKind.Decimal,
        "String" => Evaluation.SystemKind.String,
        "Date" => Evaluation.SystemKind.Date,
        "DateTime" => Evaluation.SystemKind.DateTime,
        "Time" => Evaluation.SystemKind.Time,
        "Quantity" => Evaluation.SystemKind.Quantity,
        "Any" => Evaluation.SystemKind.None,
        _ => null,
    };

    private sealed record ResolvedType(FhirModel Model, TypeDefinition? Type);
}
