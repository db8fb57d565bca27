using FhirGateway.Fhir.Model;
using FhirGateway.Storage;

namespace FhirGateway.Api.Outcomes;

/// <summary>What the FHIR API answers for an exception.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="IssueType">The OperationOutcome issue type.</param>
/// <param name="Diagnostics">The text shown to the client: never a stack trace, never the message of an unexpected exception.</param>
/// <param name="Outcome">A prepared OperationOutcome that says more than <paramref name="Diagnostics"/>, if any.</param>
internal sealed record MappedError(int StatusCode, string IssueType, string Diagnostics, ElementNode? Outcome = null)
{
    /// <summary>Whether the error is the server's fault (logged with the exception; the client sees no detail).</summary>
    public bool IsServerError => StatusCode >= StatusCodes.Status500InternalServerError;
}

/// <summary>
/// The one place that decides which HTTP status and issue type an exception becomes
/// (https://hl7.org/fhir/R4/http.html#Status-Codes), for whole requests and for the entries of a batch alike.
/// </summary>
internal static class ExceptionMapping
{
    public static MappedError Map(Exception exception) => exception switch
    {
        FhirException e => new(e.StatusCode, e.IssueType, e.Message, e.Outcome),

        // Kestrel and the framework raise these for malformed requests (bad framing, body too large, bad form data);
        // their messages describe the request's shape, not its content.
        BadHttpRequestException e => new(e.StatusCode, IssueTypes.ForStatus(e.StatusCode), e.Message),

        // A unit of work the database gave up on after its retries: the client may send the request again.
        TransientStorageException => new(
            StatusCodes.Status503ServiceUnavailable,
            "transient",
            "The request conflicted with concurrent ones and was not carried out; nothing was changed. Send it again."),

        // The database cannot be reached or take work: the client may try again later (RFC 9110 section 15.6.4).
        StorageUnavailableException => new(
            StatusCodes.Status503ServiceUnavailable,
            "transient",
            "The database is unavailable. Try again later; a write whose answer was lost may or may not have been carried out, so repeat writes conditionally."),

        _ => new(
            StatusCodes.Status500InternalServerError,
            IssueTypes.ForStatus(StatusCodes.Status500InternalServerError),
            "The server met an unexpected error. Quote the OperationOutcome id (the trace id) when reporting it."),
    };
}
