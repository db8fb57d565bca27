using FhirGateway.Api.Formats;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Outcomes;

/// <summary>Writes an error response as an OperationOutcome carrying the request's trace id.</summary>
internal static class OutcomeResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string issueType, string diagnostics) =>
        WriteAsync(context, new MappedError(statusCode, issueType, diagnostics));

    public static Task WriteAsync(HttpContext context, MappedError error)
    {
        // Written in the format Accept chose, like any FHIR response, also after an error cleared the headers.
        FormatNegotiation.VaryByAccept(context.Response);
        return FhirResourceResult.WriteAsync(context, OutcomeOf(error, TraceIds.Of(context)), error.StatusCode);
    }

    /// <summary>The OperationOutcome for an error: its prepared outcome, or one issue built from it; the id is the trace id.</summary>
    public static ElementNode OutcomeOf(MappedError error, string traceId)
    {
        if (error.Outcome is { } prepared)
        {
            var id = prepared.Child("id") ?? prepared.AddNew("id");
            id.Value = traceId;
            return prepared;
        }

        var severity = error.IsServerError ? IssueSeverity.Fatal : IssueSeverity.Error;
        return OperationOutcomes.Create(traceId, severity, error.IssueType, error.Diagnostics);
    }
}
