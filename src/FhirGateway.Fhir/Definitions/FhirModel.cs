using System.Collections.Frozen;
using System.Reflection;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// The types of one FHIR release, loaded from its official StructureDefinitions (embedded from
/// <c>profiles/</c>). Nothing structural is typed by hand: names, order, cardinality, types, choice
/// types and primitive formats all come from the snapshots.
/// </summary>
public sealed class FhirModel
{
    private static readonly Lazy<FhirModel> LazyR4 = new(() => LoadEmbedded(FhirRelease.R4, "r4"));
    private static readonly Lazy<FhirModel> LazyStu3 = new(() => LoadEmbedded(FhirRelease.Stu3, "stu3"));

    private FrozenDictionary<string, TypeDefinition> _types = FrozenDictionary<string, TypeDefinition>.Empty;
    private FrozenDictionary<string, TypeDefinition>.AlternateLookup<ReadOnlySpan<char>> _typesBySpan;

    internal FhirModel(FhirRelease release, string version)
    {
        Release = release;
        Version = version;
        _typesBySpan = _types.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>FHIR R4 (4.0.1).</summary>
    public static FhirModel R4 => LazyR4.Value;

    /// <summary>FHIR STU3 (3.0.2).</summary>
    public static FhirModel Stu3 => LazyStu3.Value;

    /// <summary>The release.</summary>
    public FhirRelease Release { get; }

    /// <summary>The FHIR version, e.g. <c>4.0.1</c>.</summary>
    public string Version { get; }

    /// <summary>Every named type (primitive, complex, resource; abstract ones included).</summary>
    public IEnumerable<TypeDefinition> Types => _types.Values;

    /// <summary>The concrete resource types, by name.</summary>
    public IEnumerable<TypeDefinition> ResourceTypes => _types.Values.Where(t => t.IsResource && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>Returns the model for a release.</summary>
    public static FhirModel For(FhirRelease release) => release == FhirRelease.R4 ? R4 : Stu3;

    /// <summary>Finds a named type.</summary>
    public TypeDefinition? FindType(string name) => _types.GetValueOrDefault(name);

    /// <summary>Finds a named type.</summary>
    public TypeDefinition? FindType(ReadOnlySpan<char> name) => _typesBySpan.TryGetValue(name, out var t) ? t : null;

    /// <summary>Returns a named type, or throws when the release has none of that name.</summary>
    public TypeDefinition GetType(string name) =>
        FindType(name) ?? throw new KeyNotFoundException($"FHIR {Version} has no type '{name}'.");

    /// <summary>Finds a concrete resource type by name.</summary>
    public bool TryGetResourceType(ReadOnlySpan<char> name, out TypeDefinition type)
    {
        if (_typesBySpan.TryGetValue(name, out var t) && t.IsResource && !t.IsAbstract)
        {
            type = t;
            return true;
        }

        type = null!;
        return false;
    }

    internal void SetTypes(Dictionary<string, TypeDefinition> types)
    {
        _types = types.ToFrozenDictionary(StringComparer.Ordinal);
        _typesBySpan = _types.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static FhirModel LoadEmbedded(FhirRelease release, string folder)
    {
        var assembly = typeof(FhirModel).Assembly;
        using var types = Open(assembly, folder + "/profiles-types.json.gz");
        using var resources = Open(assembly, folder + "/profiles-resources.json.gz");
        return DefinitionLoader.Load(release, [types, resources]);
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded definitions '{name}' are missing.");
}
