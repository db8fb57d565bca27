using FhirGateway.Api.Formats;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Outcomes;

/// <summary>Writes an error response as an OperationOutcome carrying the request's trace id.</summary>
internal static class OutcomeResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string issueType, string diagnostics)
    {
        var severity = statusCode >= StatusCodes.Status500InternalServerError ? IssueSeverity.Fatal : IssueSeverity.Error;
        var outcome = OperationOutcomes.Create(TraceIds.Of(context), severity, issueType, diagnostics);
        return FhirResourceResult.WriteAsync(context, outcome, statusCode);
    }
}
