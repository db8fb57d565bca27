namespace FhirGateway.FhirPath.Terminology;

/// <summary>
/// The terminology operations FHIRPath on FHIR defers to a server
/// (https://hl7.org/fhir/R4/fhirpath.html#functions: <c>memberOf</c>, <c>subsumes</c>, <c>subsumedBy</c>).
/// Without one in the <see cref="EvaluationContext"/> these functions return empty.
/// </summary>
public interface ITerminologyService
{
    /// <summary>
    /// Whether a coded value (a code, Coding or CodeableConcept node, or a string code) is in the value set;
    /// null when it cannot be decided.
    /// </summary>
    bool? MemberOf(object codedValue, string valueSetUrl);

    /// <summary>Whether <paramref name="code"/> subsumes <paramref name="other"/>; null when it cannot be decided.</summary>
    bool? Subsumes(object code, object other);
}
