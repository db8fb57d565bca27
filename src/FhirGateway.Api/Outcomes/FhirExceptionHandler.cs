using FhirGateway.Api.FhirEndpoint;
using Microsoft.AspNetCore.Diagnostics;

namespace FhirGateway.Api.Outcomes;

/// <summary>Answers every exception thrown under the FHIR base path with an OperationOutcome (mapped by <see cref="ExceptionMapping"/>).</summary>
internal sealed class FhirExceptionHandler(ILogger<FhirExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!FhirRoutes.IsFhirRequest(httpContext.Request))
        {
            return false;
        }

        var error = ExceptionMapping.Map(exception);
        var method = httpContext.Request.Method;

        // The route template, never the path: paths carry resource ids.
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (error.IsServerError)
        {
            OutcomesLog.UnhandledException(logger, exception, exception.GetType().FullName ?? exception.GetType().Name, method, route, TraceIds.Of(httpContext));
        }
        else
        {
            OutcomesLog.RequestRefused(logger, method, route, error.StatusCode, error.IssueType);
        }

        await OutcomeResponses.WriteAsync(httpContext, error);
        return true;
    }
}
