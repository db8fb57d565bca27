using FhirGateway.Fhir.Definitions;

namespace FhirGateway.FhirPath;

/// <summary>How expressions are compiled.</summary>
public sealed record FhirPathCompileOptions
{
    /// <summary>The default: R4, lenient (no static type checks, typed choice names, <c>as()</c> on collections).</summary>
    public static FhirPathCompileOptions Default { get; } = new();

    /// <summary>The model used to check names and types when a context type is given. Defaults to R4.</summary>
    public FhirModel Model { get; init; } = FhirModel.R4;

    /// <summary>
    /// Strict evaluation (https://hl7.org/fhirpath/N1/#type-safety-and-strict-evaluation): with a context type,
    /// paths the model does not have (<c>name.given1</c>, <c>Observation.valueQuantity</c> instead of
    /// <c>Observation.value</c>) and operands of the wrong type are errors when the expression is compiled.
    /// Without strict mode a choice element can also be reached by its typed name, as FHIR's JSON and XML spell it,
    /// and <c>as</c> on more than one item keeps the items of the type (as <c>ofType()</c> does) instead of failing,
    /// which FHIR R4's own definitions rely on (invariant dom-3: <c>%resource.descendants().as(canonical)</c>, search
    /// parameters such as <c>Observation.component.value as CodeableConcept</c>).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether order-dependent functions (first, last, tail, skip, take, single, indexer) on collections without a
    /// defined order (children(), descendants()) are compile errors (https://hl7.org/fhirpath/N1/#collections).
    /// Needs a context type.
    /// </summary>
    public bool CheckOrderedFunctions { get; init; }
}
