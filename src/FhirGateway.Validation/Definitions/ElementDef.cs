using FhirGateway.Fhir.Model;

namespace FhirGateway.Validation.Definitions;

/// <summary>
/// One element of a StructureDefinition snapshot, compiled for validation: cardinality, types, fixed and pattern
/// values, binding, invariants, slicing, and the element's own children and slices as the snapshot gives them.
/// </summary>
internal sealed class ElementDef
{
    public ElementDef(StructureDef owner, string id, string path)
    {
        Owner = owner;
        Id = id;
        Path = path;
        var dot = path.LastIndexOf('.');
        var last = dot < 0 ? path : path[(dot + 1)..];
        IsChoice = last.EndsWith("[x]", StringComparison.Ordinal);
        Name = IsChoice ? last[..^3] : last;
    }

    /// <summary>The StructureDefinition this element belongs to.</summary>
    public StructureDef Owner { get; }

    /// <summary>ElementDefinition.id, e.g. <c>Patient.identifier:nhsNumber.system</c>.</summary>
    public string Id { get; }

    /// <summary>ElementDefinition.path, e.g. <c>Patient.identifier.system</c>.</summary>
    public string Path { get; }

    /// <summary>The last path segment without <c>[x]</c>: the name instance elements carry (<see cref="ElementNode.Name"/>).</summary>
    public string Name { get; }

    /// <summary>Whether the path ends in <c>[x]</c>.</summary>
    public bool IsChoice { get; }

    /// <summary>The slice name, for a slice.</summary>
    public string? SliceName { get; set; }

    /// <summary>Minimum cardinality.</summary>
    public int Min { get; set; }

    /// <summary>Maximum cardinality; <see cref="int.MaxValue"/> for <c>*</c>.</summary>
    public int Max { get; set; } = int.MaxValue;

    /// <summary>The types the element may hold.</summary>
    public TypeRef[] Types { get; set; } = [];

    /// <summary>The value the element must have exactly (fixed[x]).</summary>
    public ElementNode? Fixed { get; set; }

    /// <summary>The value the element must contain (pattern[x]).</summary>
    public ElementNode? Pattern { get; set; }

    /// <summary>The terminology binding.</summary>
    public BindingDef? Binding { get; set; }

    /// <summary>The invariants on this element.</summary>
    public ConstraintDef[] Constraints { get; set; } = [];

    /// <summary>How the element is sliced, when it is.</summary>
    public SlicingDef? Slicing { get; set; }

    /// <summary>The slices of this element, in definition order.</summary>
    public List<ElementDef> Slices { get; } = [];

    /// <summary>The element's children in the snapshot (empty when the snapshot leaves them to the type's definition).</summary>
    public List<ElementDef> Children { get; } = [];

    /// <summary>maxLength, for strings.</summary>
    public int? MaxLength { get; set; }

    /// <summary>contentReference (<c>#Questionnaire.item</c>): the element whose children this one has.</summary>
    public string? ContentReference { get; set; }

    /// <summary>The element <see cref="ContentReference"/> names, resolved after compilation.</summary>
    public ElementDef? ContentTarget { get; set; }

    /// <summary>The parent element (null for the root).</summary>
    public ElementDef? Parent { get; set; }

    /// <summary>For a slice, the element it slices.</summary>
    public ElementDef? SlicedElement { get; set; }

    /// <summary>Whether the element is a modifier.</summary>
    public bool IsModifier { get; set; }

    /// <summary>The children to validate an instance's children against: the snapshot's own, or those of the content reference.</summary>
    public List<ElementDef> EffectiveChildren => Children.Count > 0 || ContentTarget is null ? Children : ContentTarget.Children;

    /// <summary>Whether any fixed value, pattern, binding, invariant or profile makes the element worth checking beyond its structure.</summary>
    public bool HasValueRules => Fixed is not null || Pattern is not null || Binding is not null || MaxLength is not null;

    /// <summary>The type reference that matches an instance type name, or null.</summary>
    public TypeRef? TypeFor(string typeName)
    {
        foreach (var t in Types)
        {
            if (string.Equals(t.Code, typeName, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>Finds a child by name (choice elements by their name without <c>[x]</c>).</summary>
    public ElementDef? ChildNamed(string name)
    {
        foreach (var c in EffectiveChildren)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
