using FhirGateway.Api.FhirEndpoint;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirGateway.Api.Metadata;

/// <summary>The capabilities interaction: GET [base]/metadata (https://hl7.org/fhir/R4/http.html#capabilities).</summary>
internal static class MetadataExtensions
{
    public static IServiceCollection AddFhirMetadata(this IServiceCollection services)
    {
        services.AddSingleton(SoftwareInfo.FromAssembly(typeof(MetadataExtensions).Assembly));
        services.AddSingleton<CapabilityStatementFactory>();
        services.AddSingleton<CapabilityStatementCache>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapFhirMetadata(this IEndpointRouteBuilder fhir)
    {
        fhir.MapMethods("/metadata", FhirRouteMapping.Methods(HttpMethods.Get), (HttpContext context, CapabilityStatementCache cache, FhirBaseUrl baseUrl) =>
        {
            FhirRouteMapping.RequireExactLiterals(context);
            return MetadataResponse.WriteAsync(context, cache, baseUrl);
        });
        return fhir;
    }
}
