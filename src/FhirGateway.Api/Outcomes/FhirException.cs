using FhirGateway.Fhir.Model;

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

    /// <summary>A refusal whose OperationOutcome is already built (for example every issue a reader found).</summary>
    public FhirException(int statusCode, string issueType, string message, ElementNode outcome)
        : this(statusCode, issueType, message)
    {
        Outcome = outcome;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html).</summary>
    public string IssueType { get; }

    /// <summary>The OperationOutcome to answer with, when it says more than the message; its id is set to the trace id.</summary>
    public ElementNode? Outcome { get; }

    /// <summary>A refusal with the issue type <see cref="IssueTypes.ForStatus"/> gives the status.</summary>
    public static FhirException Status(int statusCode, string message) => new(statusCode, IssueTypes.ForStatus(statusCode), message);
}
