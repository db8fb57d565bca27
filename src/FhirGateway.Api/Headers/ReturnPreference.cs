namespace FhirGateway.Api.Headers;

/// <summary>What a write's response carries (https://hl7.org/fhir/R4/http.html#ops, the Prefer header's <c>return</c>).</summary>
internal enum ReturnPreference
{
    /// <summary><c>return=representation</c>, the default: the resource as stored.</summary>
    Representation,

    /// <summary><c>return=minimal</c>: headers only.</summary>
    Minimal,

    /// <summary><c>return=OperationOutcome</c>: an OperationOutcome about the interaction.</summary>
    OperationOutcome,
}
