using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Validation.Definitions;

/// <summary>A StructureDefinition compiled for validation: its snapshot as a tree of <see cref="ElementDef"/>.</summary>
internal sealed class StructureDef
{
    public StructureDef(string url, string name, string type, string? baseDefinition, bool isConstraint)
    {
        Url = url;
        Name = name;
        Type = type;
        BaseDefinition = baseDefinition;
        IsConstraint = isConstraint;
    }

    /// <summary>The canonical URL.</summary>
    public string Url { get; }

    /// <summary>The computable name (or title).</summary>
    public string Name { get; }

    /// <summary>The type it defines or constrains (<c>Patient</c>, <c>Extension</c>).</summary>
    public string Type { get; }

    /// <summary>The definition it derives from.</summary>
    public string? BaseDefinition { get; }

    /// <summary>Whether it is a profile (derivation constraint) rather than the definition of a type.</summary>
    public bool IsConstraint { get; }

    /// <summary>The root element.</summary>
    public ElementDef Root { get; set; } = null!;

    /// <summary>For extensions: where they may be used (StructureDefinition.context).</summary>
    public ExtensionContext[] Contexts { get; set; } = [];

    /// <summary>For extensions: invariants on where they may be used (contextInvariant).</summary>
    public string[] ContextInvariants { get; set; } = [];

    /// <summary>The model type this definition is about, when the model has it.</summary>
    public TypeDefinition? ModelType { get; set; }

    /// <inheritdoc />
    public override string ToString() => Url;
}

/// <summary>StructureDefinition.context: an element path, an extension URL, or a FHIRPath expression.</summary>
/// <param name="Type"><c>element</c>, <c>extension</c> or <c>fhirpath</c>.</param>
/// <param name="Expression">What the context names.</param>
internal sealed record ExtensionContext(string Type, string Expression);
