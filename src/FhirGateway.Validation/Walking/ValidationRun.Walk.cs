using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Rules;

namespace FhirGateway.Validation.Walking;

/// <summary>The walk over an element tree against a StructureDefinition's elements.</summary>
internal sealed partial class ValidationRun
{
    /// <summary>Validates a resource at the root of the run (or of a trial run) against a definition of its type.</summary>
    public void ValidateRoot(ElementNode resource, StructureDef definition)
    {
        Path.Push(resource.Type.Name, -1);
        var frame = new ResourceFrame(resource, null, null, null);
        ValidateResource(resource, definition, frame, checkMetaProfiles: true);
        Path.Pop();
    }

    /// <summary>Validates a resource (root, contained or entry) against <paramref name="definition"/>, then against the profiles it claims.</summary>
    public void ValidateResource(ElementNode resource, StructureDef definition, ResourceFrame frame, bool checkMetaProfiles)
    {
        if (resource.Type.Name == "Bundle" && frame.Bundle?.Bundle != resource)
        {
            frame = new ResourceFrame(resource, frame.Container, new BundleIndex(resource), frame.Entry);
        }

        WalkElement(resource, definition.Root, frame, null);
        ResourceRules.Check(this, resource, frame);
        if (checkMetaProfiles && Options.ValidateMetaProfiles)
        {
            MetaProfileRule.Check(this, resource, definition, frame);
        }
    }

    /// <summary>Validates one element against one element definition, then its children against theirs.</summary>
    public void WalkElement(ElementNode node, ElementDef def, ResourceFrame frame, ElementNode? parent)
    {
        if (Stopped)
        {
            return;
        }

        if (node.IsResource && def.Parent is not null)
        {
            NestedResource(node, def, frame, parent);
            return;
        }

        var type = node.Type;
        if (def.Owner.IsConstraint && def.Types.Length > 0)
        {
            TypeRule.Check(this, node, def);
        }

        if (type.IsPrimitive && Options.CheckPrimitiveValues)
        {
            PrimitiveRule.Check(this, node, def);
        }

        if (type.IsXhtml)
        {
            NarrativeRule.Check(this, node);
        }

        if (def.HasValueRules)
        {
            FixedPatternRule.Check(this, node, def);
            BindingRule.Check(this, node, def);
        }

        var typeRoot = node.IsResource ? null : TypeRoot(type);
        InvariantRule.Check(this, node, def, typeRoot, frame);

        switch (type.Name)
        {
            case "Reference":
                ReferenceRule.Check(this, node, def, frame);
                break;
            case "Coding":
                CodingRule.Check(this, node);
                break;
            case "Attachment":
                AttachmentRule.Check(this, node);
                break;
        }

        var children = def.EffectiveChildren;
        if (children.Count == 0 && typeRoot is not null && !ReferenceEquals(typeRoot, def))
        {
            children = typeRoot.Children;
        }

        if (node.ChildCount > 0 || HasRequiredChild(children))
        {
            WalkChildren(node, children, frame);
        }

        if (type.Name == "Extension")
        {
            ExtensionRule.Check(this, node, def, frame, parent);
        }
        else
        {
            TypeProfiles(node, def, frame, parent);
        }
    }

    /// <summary>Validates an element against the profiles its definition gives its type (a Quantity profile, say).</summary>
    private void TypeProfiles(ElementNode node, ElementDef def, ResourceFrame frame, ElementNode? parent)
    {
        var typeRef = def.Types.Length == 1 ? def.Types[0] : def.TypeFor(node.Type.Name);
        if (typeRef is null || typeRef.Profiles.Length == 0)
        {
            return;
        }

        foreach (var url in typeRef.Profiles)
        {
            var profile = Resources.GetStructure(url);
            if (profile is null)
            {
                Warning(ValidationIssueCodes.ProfileUnknown, "not-supported", $"The profile {url} that {def.Path} names for its {node.Type.Name} is not known, so it was not checked.");
            }
            else if (!ReferenceEquals(profile.Root, def) && profile.IsConstraint)
            {
                WalkElement(node, profile.Root, frame, parent);
            }
        }
    }

    /// <summary>A contained resource, a Bundle entry's resource, or a resource held by a Parameters parameter.</summary>
    private void NestedResource(ElementNode resource, ElementDef def, ResourceFrame frame, ElementNode? parent)
    {
        var contained = def.Name == "contained";
        if (contained && !Options.ValidateContainedResources)
        {
            return;
        }

        if (def.Owner.IsConstraint && def.Types.Length > 0)
        {
            TypeRule.Check(this, resource, def);
        }

        var definition = Resources.GetTypeStructure(resource.Type.Name);
        if (definition is null)
        {
            return;
        }

        var inBundle = frame.Resource.Type.Name == "Bundle" && def.Path == "Bundle.entry.resource";
        var child = new ResourceFrame(
            resource,
            contained ? frame : null,
            contained || inBundle ? frame.Bundle : null,
            inBundle ? parent : contained ? frame.Entry : null);
        ValidateResource(resource, definition, child, checkMetaProfiles: true);

        var typeRef = def.TypeFor(resource.Type.Name) ?? (def.Types.Length > 0 ? def.Types[0] : null);
        foreach (var url in typeRef?.Profiles ?? [])
        {
            if (Resources.GetStructure(url) is { } profile && profile.Type == resource.Type.Name)
            {
                ValidateResource(resource, profile, child, checkMetaProfiles: false);
            }
        }
    }

    private static bool HasRequiredChild(List<ElementDef> children)
    {
        foreach (var c in children)
        {
            if (c.Min > 0)
            {
                return true;
            }

            foreach (var slice in c.Slices)
            {
                if (slice.Min > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Matches the children of <paramref name="node"/> to <paramref name="defs"/> (both are in definition order, so one
    /// forward pass pairs them), checks cardinality, and walks each run of same-named children.
    /// </summary>
    private void WalkChildren(ElementNode node, List<ElementDef> defs, ResourceFrame frame)
    {
        var children = node.Children;
        var seen = defs.Count <= 256 ? stackalloc bool[defs.Count] : new bool[defs.Count];
        var cursor = 0;
        var i = 0;
        while (i < children.Length)
        {
            var first = children[i];
            var j = i + 1;
            while (j < children.Length && ReferenceEquals(children[j].Definition, first.Definition))
            {
                j++;
            }

            var index = FindDef(defs, first.Name, ref cursor);
            if (index < 0)
            {
                for (var k = i; k < j; k++)
                {
                    Path.Push(children[k].SerializedName, first.Definition!.IsRepeating ? k - i : -1);
                    Error(ValidationIssueCodes.ElementNotAllowed, "structure", $"{first.Definition!.Path} is not allowed here by {defs[0].Owner.Name}.");
                    Path.Pop();
                }
            }
            else
            {
                seen[index] = true;
                WalkRun(node, children[i..j], defs[index], frame);
            }

            i = j;
        }

        for (var k = 0; k < defs.Count; k++)
        {
            // A primitive's value is the node's own value, checked by the primitive rules, not a child.
            if (!seen[k] && !(node.Type.IsPrimitive && defs[k].Name == "value"))
            {
                var d = defs[k];
                if (d.Min > 0)
                {
                    Error(ValidationIssueCodes.CardinalityMin, "required", $"{d.Path}: at least {d.Min} required, but none found.");
                }

                foreach (var slice in d.Slices)
                {
                    if (slice.Min > 0)
                    {
                        Error(ValidationIssueCodes.SliceCardinality, "required", $"{d.Path}: slice '{slice.SliceName}' needs at least {slice.Min}, but none found.");
                    }
                }
            }
        }
    }

    private static int FindDef(List<ElementDef> defs, string name, ref int cursor)
    {
        for (var k = cursor; k < defs.Count; k++)
        {
            if (string.Equals(defs[k].Name, name, StringComparison.Ordinal))
            {
                cursor = k + 1;
                return k;
            }
        }

        for (var k = 0; k < cursor && k < defs.Count; k++)
        {
            if (string.Equals(defs[k].Name, name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Checks the count of a run of children against its definition, sorts it into slices, and walks each child.</summary>
    private void WalkRun(ElementNode parent, ReadOnlySpan<ElementNode> run, ElementDef def, ResourceFrame frame)
    {
        var info = run[0].Definition!;
        if (run.Length < def.Min)
        {
            Error(ValidationIssueCodes.CardinalityMin, "required", $"{def.Path}: at least {def.Min} required, but only {run.Length} found.");
        }

        if (run.Length > def.Max)
        {
            Path.Push(run[0].SerializedName, -1);
            Error(ValidationIssueCodes.CardinalityMax, "structure", def.Max == 0
                ? $"{def.Path} is not allowed here by {def.Owner.Name}."
                : $"{def.Path}: at most {def.Max} allowed, but {run.Length} found.");
            Path.Pop();
        }

        if (def.Slicing is not null && def.Slices.Count > 0)
        {
            SlicingRule.Walk(this, parent, run, def, frame);
            return;
        }

        for (var k = 0; k < run.Length; k++)
        {
            Path.Push(run[k].SerializedName, info.IsRepeating ? k : -1);
            WalkElement(run[k], def, frame, parent);
            Path.Pop();
        }
    }
}
