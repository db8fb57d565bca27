using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// The core invariants evaluated in code. ele-1, ext-1, dom-2, dom-4, dom-5 and dom-6 do exactly what their R4
/// expressions say (they are checked on nearly every element, so they are worth doing fast; NativeInvariantEquivalenceTests
/// compares them with their expressions on the official examples), except that an empty string counts as no value
/// for ele-1 and a contained resource needs no narrative for dom-6. dom-3, ref-1, txt-1 and
/// txt-2 do what their descriptions and the specification say where the R4 expressions fall short:
/// <list type="bullet">
/// <item>dom-3 also counts references from the narrative (<c>&lt;a href="#id"&gt;</c>, <c>&lt;img src="#id"&gt;</c>),
/// which https://hl7.org/fhir/R4/references.html#contained allows and the expression does not see.</item>
/// <item>ref-1 accepts <c>#</c> alone, a contained resource's reference to its container
/// (https://hl7.org/fhir/R4/references.html#contained), which the expression's <c>substring(1)</c> turns into empty.</item>
/// <item>txt-1 and txt-2 share the expression <c>htmlChecks()</c> in R4; each checks its own rule
/// (https://hl7.org/fhir/R4/narrative.html#xhtml).</item>
/// </list>
/// </summary>
internal static class NativeInvariantChecks
{
    public static bool Holds(ValidationRun run, ElementNode node, NativeInvariant which, ResourceFrame frame, out string? detail)
    {
        detail = null;
        switch (which)
        {
            case NativeInvariant.Ele1:
                // An empty string is no value (hasValue() is false for it).
                return !string.IsNullOrEmpty(node.Value) || HasChildOtherThan(node, "id");
            case NativeInvariant.Ext1:
                return (node.Child("extension") is not null) != (node.Child("value") is not null);
            case NativeInvariant.Dom2:
                return AllContained(node, c => c.Child("contained") is null);
            case NativeInvariant.Dom4:
                return AllContained(node, c => c.Child("meta") is not { } meta || (meta.Child("versionId") is null && meta.Child("lastUpdated") is null));
            case NativeInvariant.Dom5:
                return AllContained(node, c => c.Child("meta")?.Child("security") is null);
            case NativeInvariant.Dom6:
                // Contained resources are described by their container's narrative (https://hl7.org/fhir/R4/narrative.html#contained).
                return frame.IsContained || node.Child("text")?.Child("div") is not null;
            case NativeInvariant.Dom3:
                return ContainedReferences.AllReferenced(run, node, out detail);
            case NativeInvariant.Ref1:
                return LocalReferenceResolves(node, frame);
            case NativeInvariant.Txt1:
                return node.Value is null || NarrativeXhtml.Check(node.Value).Safe;
            case NativeInvariant.Txt2:
                return node.Value is null || NarrativeXhtml.Check(node.Value).HasContent;
            default:
                return true;
        }
    }

    private static bool HasChildOtherThan(ElementNode node, string name)
    {
        foreach (var child in node.Children)
        {
            if (!string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllContained(ElementNode resource, Func<ElementNode, bool> test)
    {
        foreach (var child in resource.Children)
        {
            if (child.Name == "contained" && !test(child))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LocalReferenceResolves(ElementNode reference, ResourceFrame frame)
    {
        var value = reference.Child("reference")?.Value;
        if (value is null || value.Length == 0 || value[0] != '#' || value.Length == 1)
        {
            return true;
        }

        var id = value.AsSpan(1);
        foreach (var child in frame.ContainerResource.Children)
        {
            if (child.Name == "contained" && id.SequenceEqual(child.Child("id")?.Value))
            {
                return true;
            }
        }

        return false;
    }
}
