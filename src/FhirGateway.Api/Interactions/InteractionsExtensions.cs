using FhirGateway.Api.History;
using FhirGateway.Api.Indexing;
using FhirGateway.Api.RequestBodies;
using FhirGateway.Fhir.Validation;
using FhirGateway.Storage.Indexing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The REST interactions on the resource store: read, vread, create, update, patch, delete and their conditional
/// forms. The validator, indexer and conditional matcher are registered only when none is yet, so the profile
/// validator and the search component replace them by registering first (or with Replace).
/// </summary>
internal static class InteractionsExtensions
{
    public static IServiceCollection AddFhirInteractions(this IServiceCollection services)
    {
        services.TryAddSingleton<IResourceValidator>(StructuralValidator.Instance);
        services.TryAddSingleton<IResourceIndexer, IdentityKeyIndexer>();
        services.TryAddSingleton<IConditionalMatcher, IdentityKeyMatcher>();
        services.AddSingleton<WritePreparer>();
        services.AddSingleton<ResourceInteractions>();
        services.AddSingleton<RequestBodyReader>();
        services.AddSingleton<HistoryInteractions>();
        return services;
    }
}
