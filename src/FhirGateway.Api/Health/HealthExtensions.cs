namespace FhirGateway.Api.Health;

/// <summary>The liveness check: GET /healthz answers 200 "Healthy" while the process serves requests.</summary>
internal static class HealthExtensions
{
    public const string Path = "/healthz";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        // Checks of dependencies (the database) join here as they arrive.
        services.AddHealthChecks();
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path);
        return endpoints;
    }
}
