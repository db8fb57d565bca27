using System.Text.Json;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// One element of a type, as its StructureDefinition snapshot declares it: name, position, cardinality
/// and the types it may hold.
/// </summary>
public sealed class ElementInfo
{
    internal ElementInfo(TypeDefinition declaringType, string path, string name, int order)
    {
        DeclaringType = declaringType;
        Path = path;
        Name = name;
        Order = order;
    }

    /// <summary>The type (or backbone) this element belongs to.</summary>
    public TypeDefinition DeclaringType { get; }

    /// <summary>The snapshot path, e.g. <c>Observation.value[x]</c>.</summary>
    public string Path { get; }

    /// <summary>The element name without the choice suffix, e.g. <c>value</c>.</summary>
    public string Name { get; }

    /// <summary>Position within <see cref="DeclaringType"/>: the order elements take in XML.</summary>
    public int Order { get; }

    /// <summary>Minimum cardinality.</summary>
    public int Min { get; internal set; }

    /// <summary>Maximum cardinality; <see cref="int.MaxValue"/> for <c>*</c>.</summary>
    public int Max { get; internal set; } = 1;

    /// <summary>Whether the element is a list (its maximum is above one); JSON then always uses an array.</summary>
    public bool IsRepeating => Max > 1;

    /// <summary>Whether this is a choice element (<c>[x]</c>) whose JSON and XML names carry the type.</summary>
    public bool IsChoice { get; internal set; }

    /// <summary>Whether the element holds a whole resource (type code <c>Resource</c>), as contained and Bundle.entry.resource do.</summary>
    public bool IsResourceContainer { get; internal set; }

    /// <summary>Whether XML carries the element as an attribute (representation xmlAttr).</summary>
    public bool IsXmlAttribute { get; internal set; }

    /// <summary>Whether the element is part of the summary view (isSummary).</summary>
    public bool IsSummary { get; internal set; }

    /// <summary>Whether the element is a modifier (isModifier).</summary>
    public bool IsModifier { get; internal set; }

    /// <summary>The definition's one-line description (ElementDefinition.short), used for documentation.</summary>
    public string? Short { get; internal set; }

    /// <summary>The types the element may hold; one unless <see cref="IsChoice"/>. For resource containers, the resource type allowed (often the abstract Resource).</summary>
    public IReadOnlyList<TypeDefinition> Types { get; internal set; } = [];

    /// <summary>The type codes as written in the definition, with target profiles for references.</summary>
    public IReadOnlyList<ElementTypeRef> TypeRefs { get; internal set; } = [];

    /// <summary>The referenced element for contentReference, resolved after loading.</summary>
    internal string? ContentReference { get; set; }

    /// <summary>The property name in JSON and the element name in XML when the element holds <paramref name="type"/>.</summary>
    public string SerializedName(TypeDefinition type) => IsChoice ? Name + type.ChoiceSuffix : Name;

    private (JsonEncodedText Name, JsonEncodedText ExtensionName)[]? _jsonNames;

    /// <summary>The pre-encoded JSON property names (<c>name</c>, <c>_name</c>) for the element holding <paramref name="type"/>.</summary>
    internal (JsonEncodedText Name, JsonEncodedText ExtensionName) JsonNames(TypeDefinition? type)
    {
        var names = _jsonNames ??= BuildJsonNames();
        if (type is null || names.Length == 1 || IsResourceContainer)
        {
            return names[0];
        }

        for (var i = 0; i < Types.Count; i++)
        {
            if (ReferenceEquals(Types[i], type))
            {
                return names[i];
            }
        }

        throw new ArgumentException($"{Path} cannot hold a {type.Name}.", nameof(type));
    }

    private (JsonEncodedText, JsonEncodedText)[] BuildJsonNames()
    {
        if (Types.Count == 0 || IsResourceContainer)
        {
            return [(JsonEncodedText.Encode(Name), JsonEncodedText.Encode("_" + Name))];
        }

        return Types.Select(t => (JsonEncodedText.Encode(SerializedName(t)), JsonEncodedText.Encode("_" + SerializedName(t)))).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}

/// <summary>One entry of ElementDefinition.type.</summary>
/// <param name="Code">The type code.</param>
/// <param name="Profiles">Profiles the value must conform to.</param>
/// <param name="TargetProfiles">For references and canonicals, the allowed targets.</param>
public sealed record ElementTypeRef(string Code, IReadOnlyList<string> Profiles, IReadOnlyList<string> TargetProfiles);
