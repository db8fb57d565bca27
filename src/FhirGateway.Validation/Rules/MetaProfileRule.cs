using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// A resource is also validated against the profiles it claims in meta.profile
/// (https://hl7.org/fhir/R4/resource.html#profile) when they are known; an unknown one gets a warning.
/// </summary>
internal static class MetaProfileRule
{
    public static void Check(ValidationRun run, ElementNode resource, StructureDef validatedAgainst, ResourceFrame frame)
    {
        var meta = resource.Child("meta");
        if (meta is null)
        {
            return;
        }

        var index = 0;
        foreach (var child in meta.Children)
        {
            if (child.Name != "profile")
            {
                continue;
            }

            var url = child.Value;
            var position = index++;
            if (url is null || ConformanceResources.Canonical(url) == validatedAgainst.Url)
            {
                continue;
            }

            var profile = run.Resources.GetStructure(url);
            if (profile is null)
            {
                run.Path.Push("meta", -1);
                run.Path.Push("profile", position);
                run.Warning(ValidationIssueCodes.ProfileUnknown, "not-supported", run.Resources.DefinitionProblem(url) is { } problem
                    ? $"The profile {url} cannot be used ({problem}), so the resource was not checked against it."
                    : $"The profile {url} is not known here, so the resource was not checked against it.");
                run.Path.Pop();
                run.Path.Pop();
            }
            else if (profile.Type != resource.Type.Name)
            {
                run.Path.Push("meta", -1);
                run.Path.Push("profile", position);
                run.Error(ValidationIssueCodes.TypeNotAllowed, "invalid", $"The profile {url} is for {profile.Type}, not {resource.Type.Name}.");
                run.Path.Pop();
                run.Path.Pop();
            }
            else if (profile.IsConstraint)
            {
                run.ValidateResource(resource, profile, frame, checkMetaProfiles: false);
            }
        }
    }
}
