namespace FhirGateway.Api.Outcomes;

/// <summary>
/// A request the FHIR API refuses, with the HTTP status and OperationOutcome issue type to answer with.
/// Its message is shown to the client, so it must never carry resource content or patient data.
/// </summary>
internal sealed class FhirException : Exception
{
    public FhirException(int statusCode, string issueType, string message)
        : base(message)
    {
        StatusCode = statusCode;
        IssueType = issueType;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html).</summary>
    public string IssueType { get; }
}
