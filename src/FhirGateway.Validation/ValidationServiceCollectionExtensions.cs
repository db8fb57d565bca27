using FhirGateway.Fhir.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirGateway.Validation;

/// <summary>Registers validation.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Registers a shared <see cref="FhirValidator"/> over the R4 definitions and the gateway's profiles, and makes it the
    /// gateway's <see cref="IResourceValidator"/> (replacing the structural one, whichever is registered first). The
    /// definitions are read the first time a resource is validated.
    /// </summary>
    public static IServiceCollection AddFhirValidation(this IServiceCollection services, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new FhirValidator(options));
        services.Replace(ServiceDescriptor.Singleton<IResourceValidator, ProfileResourceValidator>());
        return services;
    }
}
