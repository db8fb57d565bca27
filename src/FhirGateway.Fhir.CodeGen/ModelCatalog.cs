using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>
/// Chooses the types to generate and names their classes: every primitive and complex data type, the abstract
/// bases, the resources the gateway builds, and the backbone elements of all of them.
/// </summary>
internal sealed class ModelCatalog
{
    /// <summary>The resources the gateway's own code builds; others are read through the generic views.</summary>
    public static readonly IReadOnlyList<string> Resources =
    [
        "Resource", "DomainResource",
        "AuditEvent", "Bundle", "CapabilityStatement", "Communication", "Consent", "Encounter", "EpisodeOfCare", "Group",
        "Location", "MessageHeader", "Observation", "OperationOutcome", "Organization", "Parameters", "Patient",
        "Practitioner", "Provenance", "QuestionnaireResponse", "RelatedPerson", "Subscription",
    ];

    /// <summary>
    /// Primitive names that would shadow .NET types (System.String, System.Uri, ...) in code that imports both
    /// namespaces, and xhtml, which the serializers already use as a class name; the rest are capitalised.
    /// </summary>
    private static readonly Dictionary<string, string> PrimitiveNames = new(StringComparer.Ordinal)
    {
        ["boolean"] = "FhirBoolean",
        ["dateTime"] = "FhirDateTime",
        ["decimal"] = "FhirDecimal",
        ["string"] = "FhirString",
        ["uri"] = "FhirUri",
        ["url"] = "FhirUrl",
        ["xhtml"] = "XHtml",
    };

    /// <summary>The hand-written bases (Model/Typed) and their own bases.</summary>
    private static readonly Dictionary<string, string?> HandWrittenBases = new(StringComparer.Ordinal)
    {
        ["FhirObject"] = null,
        ["DataType"] = "Element",
        ["PrimitiveType"] = "DataType",
        ["BackboneType"] = "DataType",
    };

    private readonly Dictionary<TypeDefinition, ClassInfo> _classes = [];

    public ModelCatalog(FhirModel model)
    {
        Model = model;
        var topLevel = model.Types
            .Where(t => t.Kind is TypeKind.Primitive or TypeKind.Complex || Resources.Contains(t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new ClassInfo(t, TopLevelName(t), null))
            .ToList();
        foreach (var c in topLevel)
        {
            _classes[c.Type] = c;
        }

        foreach (var c in topLevel)
        {
            AddBackbones(c, c);
        }

        TopLevel = topLevel;
        foreach (var c in _classes.Values)
        {
            c.BaseName = BaseNameOf(c);
            c.IsSealed = !c.Type.IsAbstract && !_classes.Keys.Any(t => ReferenceEquals(t.BaseType, c.Type));
        }
    }

    public FhirModel Model { get; }

    /// <summary>The top-level classes, by name; each is one file.</summary>
    public IReadOnlyList<ClassInfo> TopLevel { get; }

    /// <summary>Every class (top-level and nested).</summary>
    public IEnumerable<ClassInfo> All => TopLevel.SelectMany(c => new[] { c }.Concat(c.Nested));

    public ClassInfo ClassOf(TypeDefinition type) =>
        _classes.TryGetValue(type, out var c) ? c : throw new InvalidOperationException($"No class is generated for {type.Name}.");

    /// <summary>The most derived class that every one of <paramref name="types"/> derives from (choice elements).</summary>
    public string CommonBase(IEnumerable<TypeDefinition> types)
    {
        List<string>? common = null;
        foreach (var t in types)
        {
            var chain = Chain(ClassOf(t).Reference);
            common = common is null ? chain : common.Intersect(chain).ToList();
        }

        return common?.FirstOrDefault() ?? "FhirObject";
    }

    private List<string> Chain(string reference)
    {
        var chain = new List<string>();
        for (string? r = reference; r is not null; r = ParentOf(r))
        {
            chain.Add(r);
        }

        return chain;
    }

    private string? ParentOf(string reference) =>
        HandWrittenBases.TryGetValue(reference, out var b) ? b : _classes.Values.First(c => c.Reference == reference).BaseName;

    private static string TopLevelName(TypeDefinition type) =>
        PrimitiveNames.TryGetValue(type.Name, out var name) ? name : Naming.Pascal(type.Name);

    /// <summary>Adds a nested class for each backbone that <paramref name="declaring"/> defines (not one it references).</summary>
    private void AddBackbones(ClassInfo owner, ClassInfo declaring)
    {
        foreach (var e in declaring.OwnElements)
        {
            if (e.Types is not [{ Kind: TypeKind.Backbone } backbone] || backbone.Name != e.Path)
            {
                continue;
            }

            var name = Naming.Pascal(backbone.ExplicitTypeName ?? e.Name) + "Component";
            if (owner.Nested.Any(n => n.Name == name))
            {
                throw new InvalidOperationException($"Two backbones of {owner.Name} would both be named {name} ({e.Path}).");
            }

            var nested = new ClassInfo(backbone, name, owner) { DefiningElement = e };
            owner.Nested.Add(nested);
            _classes[backbone] = nested;
            AddBackbones(owner, nested);
        }
    }

    private string BaseNameOf(ClassInfo c)
    {
        var b = c.Type.BaseType;
        if (b is null)
        {
            return "FhirObject";
        }

        // R4 derives the data types from Element or BackboneElement; the classes put DataType in between (see DataType).
        if (c.Owner is null && !c.Type.IsAbstract && b.Name is "Element" or "BackboneElement")
        {
            return c.Type.IsPrimitive ? "PrimitiveType" : b.Name == "Element" ? "DataType" : "BackboneType";
        }

        return ClassOf(b).Reference;
    }
}
