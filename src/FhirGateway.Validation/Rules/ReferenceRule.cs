using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// A reference must point to a resource type its element allows (ElementDefinition.type.targetProfile). The type is
/// the resolved target's, when the reference resolves to a contained resource or a Bundle entry, or else the type the
/// URL names (<c>Patient/123</c>). A resolved target must also conform to the target profile when that profile is one
/// known here. A local reference (<c>#id</c>) must name a contained resource.
/// </summary>
internal static class ReferenceRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def, ResourceFrame frame)
    {
        var reference = node.Child("reference")?.Value;
        if (string.IsNullOrEmpty(reference))
        {
            return;
        }

        ElementNode? target = null;
        string? type;
        if (reference[0] == '#')
        {
            if (reference.Length == 1)
            {
                return;
            }

            target = Contained(frame.ContainerResource, reference.AsSpan(1));
            if (target is null)
            {
                // ref-1 says the same as an invariant; this names the reference that cannot be followed.
                run.Error(ValidationIssueCodes.ReferenceUnresolved, "not-found", $"The local reference '{reference}' names no contained resource.");
                return;
            }

            type = target.Type.Name;
        }
        else
        {
            target = frame.Bundle?.Resolve(reference, frame.Entry ?? frame.Container?.Entry);
            type = target?.Type.Name ?? TypeFromUrl(run, reference);
        }

        var targets = (def.TypeFor("Reference") ?? (def.Types.Length == 1 ? def.Types[0] : null))?.TargetProfiles;
        if (type is null || targets is null || targets.Length == 0)
        {
            return;
        }

        var allowed = new List<string>();
        var typeAllowed = false;
        List<StructureDef>? profiles = null;
        foreach (var url in targets)
        {
            var sd = run.Resources.GetStructure(url);
            var targetType = sd?.Type ?? (url.StartsWith(ConformanceResources.CoreBase, StringComparison.Ordinal) ? url[ConformanceResources.CoreBase.Length..] : null);
            if (targetType is null)
            {
                // An unknown profile: its type cannot be told, so nothing can be said against the reference.
                return;
            }

            allowed.Add(targetType);
            if (targetType == type || (run.Resources.Model.FindType(targetType) is { } t && run.Resources.Model.FindType(type) is { } actual && t.IsAssignableFrom(actual)))
            {
                typeAllowed = true;
                if (sd is { IsConstraint: true })
                {
                    (profiles ??= []).Add(sd);
                }
                else
                {
                    profiles = null;
                    break;
                }
            }
        }

        if (!typeAllowed)
        {
            run.Error(ValidationIssueCodes.ReferenceTarget, "structure",
                $"The reference '{reference}' points to a resource of type {type}, which {def.Path} does not allow; allowed: {string.Join(", ", allowed.Distinct())}.");
            return;
        }

        if (target is not null && profiles is not null && !profiles.Any(p => Conformance.Conforms(run, target, p)))
        {
            run.Error(ValidationIssueCodes.ReferenceTarget, "structure",
                $"The reference '{reference}' points to a resource of type {type} that does not conform to {string.Join(" or ", profiles.Select(p => p.Url))}.");
        }
    }

    private static ElementNode? Contained(ElementNode container, ReadOnlySpan<char> id)
    {
        foreach (var child in container.Children)
        {
            if (child.Name == "contained" && id.SequenceEqual(child.Child("id")?.Value))
            {
                return child;
            }
        }

        return null;
    }

    private static string? TypeFromUrl(ValidationRun run, string reference)
    {
        if (reference.StartsWith("urn:", StringComparison.Ordinal))
        {
            return null;
        }

        var (type, _) = References.TypeAndId(reference);
        return type is not null && run.Resources.Model.TryGetResourceType(type, out _) ? type : null;
    }
}
