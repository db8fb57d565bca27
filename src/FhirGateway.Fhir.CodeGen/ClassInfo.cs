using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>One generated class: the type it views, its C# names and the elements it declares.</summary>
internal sealed class ClassInfo
{
    public ClassInfo(TypeDefinition type, string name, ClassInfo? owner)
    {
        Type = type;
        Name = name;
        Owner = owner;
    }

    /// <summary>The R4 type (or backbone) the class views.</summary>
    public TypeDefinition Type { get; }

    /// <summary>The simple class name: <c>Patient</c>, <c>ContactComponent</c>, <c>FhirString</c>.</summary>
    public string Name { get; }

    /// <summary>For a backbone, the top-level class it is nested in.</summary>
    public ClassInfo? Owner { get; }

    /// <summary>The name other code uses: <c>Patient.ContactComponent</c>.</summary>
    public string Reference => Owner is null ? Name : Owner.Name + "." + Name;

    /// <summary>The C# base class.</summary>
    public string BaseName { get; set; } = "FhirObject";

    /// <summary>Whether no generated class derives from this one.</summary>
    public bool IsSealed { get; set; }

    /// <summary>For a backbone, the element that defines it (its short text documents the class).</summary>
    public ElementInfo? DefiningElement { get; init; }

    /// <summary>Backbone classes nested in this top-level class, in definition order.</summary>
    public List<ClassInfo> Nested { get; } = [];

    /// <summary>The elements the class declares: the type's own, not those of its base type.</summary>
    public IReadOnlyList<ElementInfo> OwnElements =>
        Type.BaseType is { } b ? Type.Elements.Where(e => b.FindElement(e.Name) is null).ToList() : Type.Elements;

    public override string ToString() => Reference;
}
