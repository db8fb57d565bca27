using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// dom-3: each contained resource is referenced from elsewhere in its container (a Reference, a canonical or uri
/// value, or a link in the narrative to <c>#id</c>), or refers to the container itself with <c>#</c>
/// (https://hl7.org/fhir/R4/references.html#contained).
/// </summary>
internal static class ContainedReferences
{
    public static bool AllReferenced(ValidationRun run, ElementNode resource, out string? detail)
    {
        detail = null;
        if (!run.Options.ValidateContainedResources || resource.Child("contained") is null)
        {
            return true;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        Collect(resource, referenced, insideContained: false);
        List<string>? orphans = null;
        foreach (var child in resource.Children)
        {
            if (child.Name != "contained")
            {
                continue;
            }

            var id = child.Child("id")?.Value;
            if (id is not null && referenced.Contains(id))
            {
                continue;
            }

            if (RefersToContainer(child))
            {
                continue;
            }

            (orphans ??= []).Add(id ?? "(no id)");
        }

        if (orphans is null)
        {
            return true;
        }

        detail = "not referenced: " + string.Join(", ", orphans);
        return false;
    }

    /// <summary>Adds every local target (<c>#id</c>) the tree refers to.</summary>
    private static void Collect(ElementNode node, HashSet<string> referenced, bool insideContained)
    {
        foreach (var child in node.Children)
        {
            var type = child.Type;
            if (type.IsPrimitive)
            {
                if (child.Value is { } v)
                {
                    if (type.IsXhtml)
                    {
                        NarrativeXhtml.CollectLocalLinks(v, referenced);
                    }
                    else if (v.Length > 1 && v[0] == '#' && (child.Name == "reference" || type.Name is "uri" or "url" or "canonical"))
                    {
                        referenced.Add(v[1..]);
                    }
                }
            }

            if (child.ChildCount > 0)
            {
                Collect(child, referenced, insideContained || child.Name == "contained");
            }
        }
    }

    private static bool RefersToContainer(ElementNode contained)
    {
        foreach (var child in contained.Children)
        {
            if (child.Type.IsPrimitive && child.Value == "#" && (child.Name == "reference" || child.Type.Name is "uri" or "url" or "canonical"))
            {
                return true;
            }

            if (child.ChildCount > 0 && RefersToContainer(child))
            {
                return true;
            }
        }

        return false;
    }
}
