using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.RequestBodies;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Validation;
using FhirGateway.Storage;

namespace FhirGateway.Api.Validation;

/// <summary>
/// The <c>$validate</c> operation at type and instance level (https://hl7.org/fhir/R4/resource-operation-validate.html):
/// the body is the resource, or a Parameters with <c>resource</c>, <c>mode</c> and <c>profile</c>. The answer is 200
/// with an OperationOutcome listing every issue the reader and the registered <see cref="IResourceValidator"/> found
/// (the same checks a write makes), or one informational issue when there are none.
/// </summary>
internal static class ValidateOperation
{
    /// <summary>The OperationDefinition of the operation.</summary>
    public const string Definition = "http://hl7.org/fhir/OperationDefinition/Resource-validate";

    public static IEndpointRouteBuilder MapFhirValidate(this IEndpointRouteBuilder fhir)
    {
        fhir.MapForEveryType("POST", "/$validate", new("$validate", InteractionLevel.Type), (c, type) => ValidateAsync(c, type, null));
        fhir.MapForEveryType("POST", "/{id:fhirId}/$validate", new("$validate", InteractionLevel.Instance), (c, type) => ValidateAsync(c, type, c.Route("id")));
        return fhir;
    }

    private static async Task ValidateAsync(HttpContext context, string type, string? id)
    {
        var services = context.RequestServices;
        var read = await services.GetRequiredService<RequestBodyReader>().ParseAsync(context);
        var issues = new List<ParseIssue>(read.Issues);
        var (resource, request) = Unwrap(read.Resource, type, issues);
        if (id is null && request.Mode == "delete")
        {
            // mode=delete asks whether the nominated resource could be deleted: there is none at type level.
            issues.Add(Issue(IssueSeverity.Error, "mode 'delete' needs a resource to delete: use [base]/{type}/{id}/$validate."));
        }
        else if (id is not null && request.Mode == "delete")
        {
            var current = await services.GetRequiredService<IResourceStore>().ReadAsync(type, id, context.RequestAborted);
            if (current.Status != ReadStatus.Found)
            {
                issues.Add(Issue(IssueSeverity.Error, $"{type}/{id} is not a current resource, so it cannot be deleted."));
            }
        }
        else if (resource is not null && !issues.Any(i => i.IsError))
        {
            Check(resource, type, id, request, issues);
            issues.AddRange(await services.GetRequiredService<IResourceValidator>().ValidateAsync(resource, request, context.RequestAborted));
        }

        await FhirResourceResult.WriteAsync(context, OperationOutcomeFactory.FromIssues(issues), StatusCodes.Status200OK);
    }

    /// <summary>The resource to validate and the request: the body itself, or the parts of a Parameters body.</summary>
    private static (ElementNode? Resource, ValidationRequest Request) Unwrap(ElementNode? body, string type, List<ParseIssue> issues)
    {
        if (body is null || body.Type.Name != "Parameters" || type == "Parameters")
        {
            return (body, ValidationRequest.Default);
        }

        ElementNode? resource = null;
        var profiles = new List<string>();
        string? mode = null;
        foreach (var parameter in body.ChildrenNamed("parameter"))
        {
            switch (parameter.Child("name")?.Value)
            {
                case "resource":
                    resource = parameter.Child("resource") is { } nested ? ResourceRules.AsRoot(nested) : null;
                    break;
                case "mode":
                    mode = parameter.Child("value")?.Value;
                    break;
                case "profile":
                    if (parameter.Child("value")?.Value is { } profile)
                    {
                        profiles.Add(profile);
                    }

                    break;
            }
        }

        if (mode is not (null or "create" or "update" or "delete"))
        {
            issues.Add(Issue(IssueSeverity.Error, $"mode '{mode}' is not one of create, update and delete."));
        }

        if (resource is null && mode != "delete")
        {
            issues.Add(Issue(IssueSeverity.Error, "The Parameters have no 'resource' to validate."));
        }

        return (resource, new ValidationRequest { Profiles = profiles, Mode = mode });
    }

    /// <summary>The checks a write of the resource would make on its type and id.</summary>
    private static void Check(ElementNode resource, string type, string? id, ValidationRequest request, List<ParseIssue> issues)
    {
        if (resource.Type.Name != type)
        {
            issues.Add(Issue(IssueSeverity.Error, $"The resource is a {resource.Type.Name}, but the URL names {type}."));
        }

        if (id is not null && request.Mode is null or "update" && ResourceRules.IdOf(resource) != id)
        {
            issues.Add(Issue(IssueSeverity.Error, $"An update of {type}/{id} needs the resource's id to be '{id}'."));
        }
    }

    private static ParseIssue Issue(IssueSeverity severity, string message) => new(severity, "validate-request", string.Empty, message);
}
