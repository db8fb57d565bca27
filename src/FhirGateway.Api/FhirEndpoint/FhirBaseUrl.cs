using Microsoft.Extensions.Options;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>The absolute FHIR base URL clients see: the configured public one, or the one the request came in on.</summary>
internal sealed class FhirBaseUrl(IOptions<FhirEndpointOptions> options)
{
    private readonly string? _configured = options.Value.PublicBaseUrl is { Length: > 0 } url ? url.TrimEnd('/') : null;

    public string For(HttpRequest request) =>
        _configured ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{FhirRoutes.BasePath}";
}
