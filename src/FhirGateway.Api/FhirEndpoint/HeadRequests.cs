namespace FhirGateway.Api.FhirEndpoint;

/// <summary>
/// HEAD on every GET route: "The HEAD method is identical to GET except that the server MUST NOT send content in the
/// response" (RFC 9110 section 9.3.2), and general-purpose servers MUST support it (section 9.1). The request is
/// routed and answered as a GET, headers and status included, with the content dropped.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Runs before routing, so that the GET routes take HEAD requests.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            return next(context);
        }

        context.Request.Method = HttpMethods.Get;

        // The server drops a HEAD response's content itself; a host that would not, drops it here.
        context.Response.Body = Stream.Null;
        return next(context);
    });
}
