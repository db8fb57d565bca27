using System.Collections.Concurrent;
using System.Text.Json;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// One element of a type, as its StructureDefinition snapshot declares it: name, position, cardinality
/// and the types it may hold.
/// </summary>
public sealed class ElementInfo
{
    // Beyond this many types (the open choice value[x] of Extension has about fifty) a dictionary finds a type's position.
    private const int LinearSearchLimit = 8;

    private TypeDefinition[] _types = [];
    private Dictionary<TypeDefinition, int>? _typeIndex;
    private string[]? _serializedNames;
    private (JsonEncodedText Name, JsonEncodedText ExtensionName)[]? _jsonNames;
    private NodeShape[]? _shapes;
    private ConcurrentDictionary<TypeDefinition, NodeShape>? _containerShapes;

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
    public IReadOnlyList<TypeDefinition> Types
    {
        get => _types;
        internal set
        {
            _types = [.. value];
            _typeIndex = _types.Length > LinearSearchLimit ? BuildTypeIndex(_types) : null;
            _serializedNames = null;
            _jsonNames = null;
            _shapes = null;
        }
    }

    /// <summary>The type codes as written in the definition, with target profiles for references.</summary>
    public IReadOnlyList<ElementTypeRef> TypeRefs { get; internal set; } = [];

    /// <summary>The referenced element for contentReference, resolved after loading.</summary>
    internal string? ContentReference { get; set; }

    /// <summary>The property name in JSON and the element name in XML when the element holds <paramref name="type"/>.</summary>
    public string SerializedName(TypeDefinition type)
    {
        if (!IsChoice)
        {
            return Name;
        }

        // Choice names are built once per type: the readers and writers ask for them for every value they meet.
        var names = _serializedNames ??= [.. _types.Select(t => Name + t.ChoiceSuffix)];
        var index = IndexOfType(type);
        return index >= 0 ? names[index] : Name + type.ChoiceSuffix;
    }

    /// <summary>Whether a node of <paramref name="type"/> may stand for this element: one of <see cref="Types"/>, or for a resource container a concrete resource type derived from one.</summary>
    internal bool CanHold(TypeDefinition type)
    {
        if (!IsResourceContainer)
        {
            return IndexOfType(type) >= 0;
        }

        if (!type.IsResource || type.IsAbstract)
        {
            return false;
        }

        foreach (var t in _types)
        {
            if (t.IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The shape of nodes of this element holding <paramref name="type"/>, which the element must accept (<see cref="CanHold"/>).</summary>
    internal NodeShape ShapeFor(TypeDefinition type)
    {
        if (!IsResourceContainer)
        {
            var index = IndexOfType(type);
            if (index >= 0)
            {
                return ShapeAt(index);
            }
        }

        // A resource container holds any concrete resource type derived from its own: one shape per type met.
        var shapes = _containerShapes;
        if (shapes is null)
        {
            var built = new ConcurrentDictionary<TypeDefinition, NodeShape>(ReferenceEqualityComparer.Instance);
            shapes = Interlocked.CompareExchange(ref _containerShapes, built, null) ?? built;
        }

        return shapes.GetOrAdd(type, static (t, element) => new NodeShape(element, t), this);
    }

    /// <summary>The shape of nodes of this element holding its type number <paramref name="typeIndex"/> (<see cref="PropertyMatch.TypeIndex"/>).</summary>
    internal NodeShape ShapeAt(int typeIndex)
    {
        var shapes = _shapes;
        if (shapes is null)
        {
            var built = new NodeShape[_types.Length];
            for (var i = 0; i < built.Length; i++)
            {
                built[i] = new NodeShape(this, _types[i]);
            }

            shapes = Interlocked.CompareExchange(ref _shapes, built, null) ?? built;
        }

        return shapes[typeIndex];
    }

    /// <summary>The pre-encoded JSON property names (<c>name</c>, <c>_name</c>) for the element holding <paramref name="type"/>.</summary>
    internal (JsonEncodedText Name, JsonEncodedText ExtensionName) JsonNames(TypeDefinition? type)
    {
        var names = _jsonNames ??= BuildJsonNames();
        if (type is null || names.Length == 1 || IsResourceContainer)
        {
            return names[0];
        }

        var index = IndexOfType(type);
        return index >= 0 ? names[index] : throw new ArgumentException($"{Path} cannot hold a {type.Name}.", nameof(type));
    }

    /// <summary>The position of <paramref name="type"/> in <see cref="Types"/>, or -1.</summary>
    private int IndexOfType(TypeDefinition type)
    {
        if (_typeIndex is { } index)
        {
            return index.TryGetValue(type, out var i) ? i : -1;
        }

        var types = _types;
        for (var i = 0; i < types.Length; i++)
        {
            if (ReferenceEquals(types[i], type))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<TypeDefinition, int> BuildTypeIndex(TypeDefinition[] types)
    {
        var index = new Dictionary<TypeDefinition, int>(types.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < types.Length; i++)
        {
            index.TryAdd(types[i], i);
        }

        return index;
    }

    private (JsonEncodedText, JsonEncodedText)[] BuildJsonNames()
    {
        if (_types.Length == 0 || IsResourceContainer)
        {
            return [(JsonEncodedText.Encode(Name), JsonEncodedText.Encode("_" + Name))];
        }

        return [.. _types.Select(t => (JsonEncodedText.Encode(SerializedName(t)), JsonEncodedText.Encode("_" + SerializedName(t))))];
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}

/// <summary>One entry of ElementDefinition.type.</summary>
/// <param name="Code">The type code.</param>
/// <param name="Profiles">Profiles the value must conform to.</param>
/// <param name="TargetProfiles">For references and canonicals, the allowed targets.</param>
public sealed record ElementTypeRef(string Code, IReadOnlyList<string> Profiles, IReadOnlyList<string> TargetProfiles);
