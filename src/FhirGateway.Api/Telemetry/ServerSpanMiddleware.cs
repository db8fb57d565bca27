namespace FhirGateway.Api.Telemetry;

/// <summary>
/// Names the server span <c>{method} {route}</c> and gives it the HTTP semantic-convention tags
/// (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server), which ASP.NET Core leaves to an
/// instrumentation package the gateway does without. url.path and url.query are left out on purpose: they can carry
/// resource ids and search values.
/// </summary>
internal sealed class ServerSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
            {
                var method = context.Request.Method;
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var status = context.Response.StatusCode;
                activity.DisplayName = route is null ? method : $"{method} {route}";
                activity.SetTag("http.request.method", method);
                activity.SetTag("http.route", route);
                activity.SetTag("http.response.status_code", status);
                activity.SetTag("url.scheme", context.Request.Scheme);
                if (status >= StatusCodes.Status500InternalServerError)
                {
                    activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
