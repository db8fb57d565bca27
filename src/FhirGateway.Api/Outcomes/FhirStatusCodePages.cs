using FhirGateway.Api.FhirEndpoint;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

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
        if (status == StatusCodes.Status405MethodNotAllowed || (status == StatusCodes.Status404NotFound && http.GetEndpoint() is null))
        {
            // Routing decides 405 before route constraints, and a route whose constraint refuses the path leaves a 404
            // even when another method has it (GET Patient/_search): the methods the path really has decide.
            var allowed = http.RequestServices.GetRequiredService<AllowedMethods>().For(http.Request.Path);
            if (allowed.Count == 0)
            {
                http.Response.Headers.Remove(HeaderNames.Allow);
                status = http.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            else
            {
                http.Response.Headers.Allow = string.Join(", ", allowed);
                status = http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            }
        }

        var diagnostics = status switch
        {
            StatusCodes.Status404NotFound => NotFound(http.Request),
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not supported on {http.Request.Path}.",
            _ => $"The request failed with HTTP status {status}.",
        };
        return OutcomeResponses.WriteAsync(http, status, IssueTypes.ForStatus(status), diagnostics);
    }

    // Say so when the first segment after the base is meant as a resource type but is none (https://hl7.org/fhir/R4/http.html#general).
    private static string NotFound(HttpRequest request)
    {
        var rest = request.Path.Value is { } path && path.Length > FhirRoutes.BasePath.Length ? path[(FhirRoutes.BasePath.Length + 1)..] : string.Empty;
        var first = rest.Split('/')[0];
        return first.Length > 0 && char.IsAsciiLetter(first[0]) && !FhirGateway.Fhir.Definitions.FhirModel.R4.TryGetResourceType(first, out _)
            ? $"'{first}' is not a FHIR R4 resource type."
            : $"No FHIR interaction matches {request.Method} {request.Path}.";
    }
}
