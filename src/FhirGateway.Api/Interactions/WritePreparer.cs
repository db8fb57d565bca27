using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Validation;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// Turns a resource the client sent into what the store writes: validated by the registered
/// <see cref="IResourceValidator"/> (the full validator: base definitions and the profiles the resource claims in
/// <c>meta.profile</c>) on the tree the reader already built, and indexed by the registered
/// <see cref="IResourceIndexer"/>. Errors refuse the write with 422 and every issue
/// (https://hl7.org/fhir/R4/http.html#update: "422 Unprocessable Entity - the proposed resource violated applicable
/// FHIR profiles or server business rules"); warnings and information do not, and travel with the result.
/// </summary>
internal sealed class WritePreparer(IResourceValidator validator, IResourceIndexer indexer)
{
    public async Task<PreparedWrite> PrepareAsync(ElementNode resource, string mode, CancellationToken cancellationToken)
    {
        var issues = await validator.ValidateAsync(resource, new ValidationRequest { Mode = mode }, cancellationToken);
        if (issues.Any(i => i.IsError))
        {
            // Errors first (fatal, error, warning, information; the sort is stable), so the first issue says why.
            throw new FhirException(
                StatusCodes.Status422UnprocessableEntity,
                "processing",
                $"The {resource.Type.Name} is not valid.",
                OperationOutcomeFactory.FromIssues(issues.OrderBy(i => i.Severity), $"{resource.Type.Name}: "));
        }

        var index = indexer.Index(resource);
        return new PreparedWrite(new ResourceWrite(resource) { IndexRows = index.Rows, IdentityKeys = index.IdentityKeys }, issues);
    }
}

/// <summary>A write ready for the store, and the validator's warnings and notes about it (never errors).</summary>
internal sealed record PreparedWrite(ResourceWrite Write, IReadOnlyList<ParseIssue> Warnings);
