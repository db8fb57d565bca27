namespace FhirGateway.Fhir.Serialization;

/// <summary>OperationOutcome.issue.severity (https://hl7.org/fhir/R4/valueset-issue-severity.html).</summary>
public enum IssueSeverity
{
    /// <summary>The input could not be processed at all.</summary>
    Fatal,

    /// <summary>The input breaks a rule; the part concerned was left out.</summary>
    Error,

    /// <summary>The input is acceptable but questionable.</summary>
    Warning,

    /// <summary>For information only.</summary>
    Information,
}
