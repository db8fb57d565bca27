using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// What nodes of one element holding one type share: the definition, the type and the names derived from them.
/// The definitions keep one per element and type (<see cref="ElementInfo.ShapeFor"/>) and one per type for roots
/// (<see cref="TypeDefinition.RootShape"/>), so a node carries a single reference instead of its definition and
/// type, and its names are not derived again on every use.
/// </summary>
internal sealed class NodeShape
{
    public NodeShape(ElementInfo? definition, TypeDefinition type)
    {
        Definition = definition;
        Type = type;
        Order = definition?.Order ?? -1;
        Name = definition?.Name ?? type.Name;
        SerializedName = definition is null ? type.Name : definition.IsResourceContainer ? definition.Name : definition.SerializedName(type);
    }

    /// <summary>The element definition; null for a resource at the root or a value not yet placed in a tree.</summary>
    public ElementInfo? Definition { get; }

    /// <summary>The node's actual type (for choice elements, the chosen type).</summary>
    public TypeDefinition Type { get; }

    /// <summary>The definition's <see cref="ElementInfo.Order"/>; -1 without a definition.</summary>
    public int Order { get; }

    /// <summary>The element name, or the type name without a definition.</summary>
    public string Name { get; }

    /// <summary>The JSON property name and XML element name.</summary>
    public string SerializedName { get; }
}
