using FhirGateway.Api.Formats;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>The FHIR API's base: its settings, its route group and the content negotiation every FHIR route shares.</summary>
internal static class FhirEndpointExtensions
{
    public static IServiceCollection AddFhirEndpoint(this IServiceCollection services)
    {
        services.AddOptions<FhirEndpointOptions>().BindConfiguration(FhirEndpointOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FhirEndpointOptions>, FhirEndpointOptionsValidator>();
        services.AddSingleton<FhirBaseUrl>();
        services.AddSingleton<AllowedMethods>();
        services.Configure<RouteOptions>(FhirRouteConstraints.AddTo);
        return services;
    }

    /// <summary>The route group under <see cref="FhirRoutes.BasePath"/> that FHIR interactions are mapped on.</summary>
    public static RouteGroupBuilder MapFhirEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(FhirRoutes.BasePath);
        group.AddEndpointFilter<FormatNegotiationFilter>();
        return group;
    }
}
