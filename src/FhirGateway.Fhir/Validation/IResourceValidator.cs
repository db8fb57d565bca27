using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Validation;

/// <summary>
/// Checks a resource that was read without errors against the rules the readers do not enforce
/// (https://hl7.org/fhir/R4/validation.html). The REST layer calls the one registered validator for every resource it
/// writes and for <c>$validate</c>: the host registers the profile validator (FhirGateway.Validation); without it the
/// REST layer falls back on <see cref="StructuralValidator"/> (minimum cardinalities only). Issues use the same shape as the
/// readers' (<see cref="ParseIssue"/>), so one OperationOutcome factory reports both.
/// </summary>
public interface IResourceValidator
{
    /// <summary>Validates <paramref name="resource"/>; every problem is reported, none thrown.</summary>
    ValueTask<IReadOnlyList<ParseIssue>> ValidateAsync(ElementNode resource, ValidationRequest request, CancellationToken cancellationToken = default);
}
