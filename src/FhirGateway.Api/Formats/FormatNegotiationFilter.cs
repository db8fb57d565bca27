namespace FhirGateway.Api.Formats;

/// <summary>Negotiates the response format before a FHIR endpoint runs, so nothing is done for a request that would end in 406.</summary>
internal sealed class FormatNegotiationFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Features.Set(FormatNegotiation.Negotiate(http.Request));
        return next(context);
    }
}
