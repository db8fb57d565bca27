using System.Text.RegularExpressions;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// A FHIR type (primitive, complex, resource or backbone) with its elements in definition order, built
/// from the official StructureDefinition snapshots by <see cref="DefinitionLoader"/>.
/// </summary>
public sealed class TypeDefinition
{
    private Dictionary<string, PropertyMatch> _properties = new(StringComparer.Ordinal);
    private Dictionary<string, PropertyMatch>.AlternateLookup<ReadOnlySpan<char>> _propertiesBySpan;
    private Utf8PropertyTable _propertiesByUtf8 = new(new Dictionary<string, PropertyMatch>());
    private ElementInfo[] _elements = [];
    private Regex? _valueRegex;
    private string? _valuePattern;
    private ValuePatterns.Kind _valueCheck;
    private Model.NodeShape? _rootShape;

    internal TypeDefinition(FhirModel model, string name, TypeKind kind, string? url)
    {
        Model = model;
        Name = name;
        Kind = kind;
        Url = url;
        ChoiceSuffix = name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
        _propertiesBySpan = _properties.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The model (release) this type belongs to.</summary>
    public FhirModel Model { get; }

    /// <summary>The type name (<c>Patient</c>, <c>HumanName</c>, <c>date</c>) or, for a backbone, its path (<c>Patient.contact</c>).</summary>
    public string Name { get; }

    /// <summary>What kind of type this is.</summary>
    public TypeKind Kind { get; }

    /// <summary>The canonical URL of the defining StructureDefinition; null for backbones.</summary>
    public string? Url { get; }

    /// <summary>Whether the type is abstract (Resource, DomainResource, Element, BackboneElement).</summary>
    public bool IsAbstract { get; internal set; }

    /// <summary>The base type (baseDefinition), when loaded.</summary>
    public TypeDefinition? BaseType { get; internal set; }

    /// <summary>
    /// For backbones: the name the definition gives the type (structuredefinition-explicit-type-name, e.g.
    /// <c>ResourceInteraction</c> for CapabilityStatement.rest.resource.interaction); null when it gives none.
    /// </summary>
    public string? ExplicitTypeName { get; internal set; }

    /// <summary>The suffix a choice element takes for this type: <c>value</c> + <c>Quantity</c>.</summary>
    public string ChoiceSuffix { get; }

    /// <summary>Whether this is a primitive type.</summary>
    public bool IsPrimitive => Kind == TypeKind.Primitive;

    /// <summary>Whether this is a resource type.</summary>
    public bool IsResource => Kind == TypeKind.Resource;

    /// <summary>For primitives: how JSON writes the value.</summary>
    public PrimitiveJsonKind JsonKind { get; internal set; }

    /// <summary>
    /// For primitives: the value's regular expression from the definition, anchored; null when none is defined.
    /// Matched without backtracking, in time linear in the value: values come from untrusted input, and
    /// base64Binary's <c>(\s*([0-9a-zA-Z\+/=]){4}\s*)+</c> backtracks exponentially on spaced-out text.
    /// </summary>
    public Regex? ValueRegex => ValuePattern is null ? null : _valueRegex ??= new Regex(
        "^(?:" + XsdRegex.ToDotNet(ValuePattern) + ")\\z",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>For primitives: the regular expression as the definition writes it.</summary>
    public string? ValuePattern
    {
        get => _valuePattern;
        internal set
        {
            _valuePattern = value;
            _valueCheck = ValuePatterns.KindOf(value);
            _valueRegex = null;
        }
    }

    /// <summary>
    /// For primitives: whether <paramref name="value"/> matches <see cref="ValueRegex"/> (true when the type
    /// defines no pattern). The same answer as the regular expression, found without it for the common patterns
    /// (string, markdown, code, uri, url, canonical, boolean, id).
    /// </summary>
    public bool IsValidValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_valueCheck != ValuePatterns.Kind.Regex)
        {
            return ValuePatterns.Matches(_valueCheck, value);
        }

        return ValueRegex is not { } regex || regex.IsMatch(value);
    }

    /// <summary>For primitives: the maximum length of the value (string: 1 MB), if defined.</summary>
    public int? MaxLength { get; internal set; }

    /// <summary>For primitives: whether the value is XHTML (Narrative.div), written as markup in XML.</summary>
    public bool IsXhtml { get; internal set; }

    /// <summary>For primitives: the FHIRPath system type of the value (<c>String</c>, <c>Decimal</c>, <c>Date</c>, ...).</summary>
    public string? SystemType { get; internal set; }

    /// <summary>The elements in definition order.</summary>
    public IReadOnlyList<ElementInfo> Elements => _elements;

    /// <summary>Finds an element by its name (without the choice suffix).</summary>
    public ElementInfo? FindElement(string name)
    {
        foreach (var e in _elements)
        {
            if (string.Equals(e.Name, name, StringComparison.Ordinal))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Finds the element and type a serialized (JSON property or XML element) name stands for.</summary>
    public bool TryGetProperty(ReadOnlySpan<char> serializedName, out PropertyMatch match) =>
        _propertiesBySpan.TryGetValue(serializedName, out match);

    /// <summary>Finds the element and type a serialized name, given as UTF-8 bytes, stands for.</summary>
    internal bool TryGetProperty(ReadOnlySpan<byte> utf8SerializedName, out PropertyMatch match) =>
        _propertiesByUtf8.TryGet(utf8SerializedName, out match);

    /// <summary>Finds the element and type a serialized name stands for.</summary>
    public bool TryGetProperty(string serializedName, out PropertyMatch match) =>
        _properties.TryGetValue(serializedName, out match);

    /// <summary>Whether <paramref name="other"/> is this type or derives from it.</summary>
    public bool IsAssignableFrom(TypeDefinition other)
    {
        for (var t = other; t is not null; t = t.BaseType)
        {
            if (ReferenceEquals(t, this))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The shape of nodes of this type without a definition: a resource at the root, or a value not yet placed.</summary>
    internal Model.NodeShape RootShape
    {
        get
        {
            var shape = _rootShape;
            if (shape is null)
            {
                var built = new Model.NodeShape(null, this);
                shape = Interlocked.CompareExchange(ref _rootShape, built, null) ?? built;
            }

            return shape;
        }
    }

    internal void SetElements(List<ElementInfo> elements) => _elements = [.. elements];

    internal void BuildPropertyIndex()
    {
        var map = new Dictionary<string, PropertyMatch>(StringComparer.Ordinal);
        foreach (var e in _elements)
        {
            if (e.IsResourceContainer)
            {
                map[e.Name] = new PropertyMatch(e, null) { JsonName = e.Name };
                continue;
            }

            for (var i = 0; i < e.Types.Count; i++)
            {
                var name = e.SerializedName(e.Types[i]);
                map[name] = new PropertyMatch(e, e.Types[i]) { JsonName = name, TypeIndex = i };
            }
        }

        _properties = map;
        _propertiesBySpan = map.GetAlternateLookup<ReadOnlySpan<char>>();
        _propertiesByUtf8 = new Utf8PropertyTable(map);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>What a serialized name resolves to: the element and the type it holds (null for a resource container).</summary>
/// <param name="Element">The element.</param>
/// <param name="Type">The type the name selects; for a choice element the one its suffix names.</param>
public readonly record struct PropertyMatch(ElementInfo Element, TypeDefinition? Type)
{
    /// <summary>The serialized name itself (<c>valueQuantity</c>), kept so readers need not build it again.</summary>
    internal string JsonName { get; init; } = string.Empty;

    /// <summary>The position of <see cref="Type"/> in the element's types, so a reader can tell choices apart cheaply.</summary>
    internal int TypeIndex { get; init; }
}
