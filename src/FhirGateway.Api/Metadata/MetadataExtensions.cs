using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirGateway.Api.Metadata;

/// <summary>The capabilities interaction: GET [base]/metadata (https://hl7.org/fhir/R4/http.html#capabilities).</summary>
internal static class MetadataExtensions
{
    public static IServiceCollection AddFhirMetadata(this IServiceCollection services)
    {
        services.AddSingleton(SoftwareInfo.FromAssembly(typeof(MetadataExtensions).Assembly));
        services.AddSingleton<CapabilityStatementFactory>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapFhirMetadata(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/metadata", (HttpRequest request, CapabilityStatementFactory factory, FhirBaseUrl baseUrl) =>
            new FhirResourceResult(factory.Create(baseUrl.For(request))));
        return fhir;
    }
}
