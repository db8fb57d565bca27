using FhirGateway.Api.FhirEndpoint;
using Microsoft.AspNetCore.Diagnostics;

namespace FhirGateway.Api.Outcomes;

/// <summary>
/// Gives the errors that end without a body under the FHIR base path (404 for no route, 405 from routing's method
/// check, 415, ...) an OperationOutcome, as https://hl7.org/fhir/R4/http.html#Status-Codes asks.
/// </summary>
internal static class FhirStatusCodePages
{
    public static Task HandleAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!FhirRoutes.IsFhirRequest(http.Request))
        {
            return Task.CompletedTask;
        }

        var status = http.Response.StatusCode;
        var diagnostics = status switch
        {
            StatusCodes.Status404NotFound => $"No FHIR interaction matches {http.Request.Method} {http.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not supported on {http.Request.Path}.",
            _ => $"The request failed with HTTP status {status}.",
        };
        return OutcomeResponses.WriteAsync(http, status, IssueTypes.ForStatus(status), diagnostics);
    }
}
