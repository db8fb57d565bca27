using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Validation;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// Turns a resource the client sent into what the store writes: validated by the registered
/// <see cref="IResourceValidator"/> (422 with every issue when it finds errors, https://hl7.org/fhir/R4/http.html#update)
/// and indexed by the registered <see cref="IResourceIndexer"/>.
/// </summary>
internal sealed class WritePreparer(IResourceValidator validator, IResourceIndexer indexer)
{
    public async Task<ResourceWrite> PrepareAsync(ElementNode resource, string mode, CancellationToken cancellationToken)
    {
        var issues = await validator.ValidateAsync(resource, new ValidationRequest { Mode = mode }, cancellationToken);
        if (issues.Any(i => i.IsError))
        {
            throw new FhirException(
                StatusCodes.Status422UnprocessableEntity,
                "processing",
                $"The {resource.Type.Name} is not valid.",
                OperationOutcomeFactory.FromIssues(issues, $"{resource.Type.Name}: "));
        }

        var index = indexer.Index(resource);
        return new ResourceWrite(resource) { IndexRows = index.Rows, IdentityKeys = index.IdentityKeys };
    }
}
