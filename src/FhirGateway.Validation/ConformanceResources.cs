using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Terminology;

namespace FhirGateway.Validation;

/// <summary>
/// The StructureDefinitions, ValueSets and CodeSystems validation uses: the official R4 definitions (types,
/// resources, core extensions, value sets, code systems, v2 and v3 tables), the gateway's own profiles from
/// <c>profiles/fhirgateway/</c>, and any resources added when it is created. Definitions are read lazily: a
/// StructureDefinition is compiled (and, when it has only a differential, given a snapshot) the first time it is
/// used, once, and shared by every validation.
/// </summary>
public sealed class ConformanceResources
{
    internal const string CoreBase = "http://hl7.org/fhir/StructureDefinition/";
    private const string GatewayPrefix = "fhirgateway/";
    private static readonly Lazy<ConformanceResources> LazyR4 = new(() => Create());

    private readonly Dictionary<string, RawResource> _structures = new(StringComparer.Ordinal);
    private readonly List<RawResource> _terminology = [];
    private readonly List<string> _gatewayProfiles = [];
    private readonly ConcurrentDictionary<string, Lazy<StructureDef?>> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<JsonArray?>> _snapshots = new(StringComparer.Ordinal);
    private readonly Lazy<TerminologyService> _terminologyService;
    private readonly ConcurrentDictionary<TypeDefinition, ElementDef?> _typeRoots = new();
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);

    private ConformanceResources()
    {
        _terminologyService = new Lazy<TerminologyService>(() => new TerminologyService(LoadCoreTerminology().Concat(_terminology)));
    }

    /// <summary>The official R4 definitions and the gateway's profiles.</summary>
    public static ConformanceResources R4 => LazyR4.Value;

    /// <summary>The model the definitions describe (R4 4.0.1).</summary>
    public FhirModel Model { get; } = FhirModel.R4;

    /// <summary>The canonical URLs of the gateway's own StructureDefinitions (profiles and extensions).</summary>
    public IReadOnlyList<string> GatewayProfileUrls => _gatewayProfiles;

    /// <summary>Every StructureDefinition URL known.</summary>
    public IEnumerable<string> StructureDefinitionUrls => _structures.Keys;

    internal TerminologyService Terminology => _terminologyService.Value;

    /// <summary>
    /// Creates a set of the official R4 definitions, the gateway's profiles (unless <paramref name="includeGatewayProfiles"/>
    /// is false), and <paramref name="additionalResources"/>: JSON StructureDefinitions, ValueSets, CodeSystems or
    /// Bundles of them.
    /// </summary>
    public static ConformanceResources Create(IEnumerable<string>? additionalResources = null, bool includeGatewayProfiles = true)
    {
        var set = new ConformanceResources();
        var fhirAssembly = typeof(FhirModel).Assembly;
        var ownAssembly = typeof(ConformanceResources).Assembly;
        foreach (var (assembly, name) in new[]
        {
            (fhirAssembly, "r4/profiles-types.json.gz"),
            (fhirAssembly, "r4/profiles-resources.json.gz"),
            (ownAssembly, "r4/extension-definitions.json.gz"),
        })
        {
            using var stream = Open(assembly, name);
            set.AddAll(ResourceIndex.ReadGzipped(stream), gateway: false);
        }

        if (includeGatewayProfiles)
        {
            foreach (var name in ownAssembly.GetManifestResourceNames().Where(n => n.StartsWith(GatewayPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                using var stream = Open(ownAssembly, name);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                set.AddAll(ResourceIndex.Read(buffer.ToArray()), gateway: true);
            }
        }

        foreach (var json in additionalResources ?? [])
        {
            set.AddAll(ResourceIndex.Read(Encoding.UTF8.GetBytes(json)), gateway: false);
        }

        return set;
    }

    /// <summary>Whether a StructureDefinition with this canonical URL (a version suffix is ignored) is known.</summary>
    public bool IsKnownStructureDefinition(string url) => _structures.ContainsKey(Canonical(url));

    /// <summary>
    /// The snapshot elements of a StructureDefinition as JSON: its own snapshot, or one generated from its
    /// differential and its base (https://hl7.org/fhir/R4/profiling.html#snapshot). Null when the URL is unknown.
    /// </summary>
    /// <exception cref="InvalidDataException">The differential cannot be merged into its base.</exception>
    public JsonArray? GetSnapshot(string url) => SnapshotOf(Canonical(url))?.DeepClone().AsArray();

    /// <summary>
    /// Why a known StructureDefinition cannot be used (its snapshot cannot be generated or compiled), or null when it
    /// can or is not known.
    /// </summary>
    public string? DefinitionProblem(string url)
    {
        GetStructure(url);
        return _problems.GetValueOrDefault(Canonical(url));
    }

    /// <summary>
    /// The compiled StructureDefinition for a canonical URL (a version suffix is ignored); null when unknown, or when it
    /// cannot be compiled (<see cref="DefinitionProblem"/> says why).
    /// </summary>
    internal StructureDef? GetStructure(string url)
    {
        url = Canonical(url);
        return _compiled.GetOrAdd(url, u => new Lazy<StructureDef?>(() => CompileOrRecord(u))).Value;
    }

    private StructureDef? CompileOrRecord(string url)
    {
        try
        {
            return Compile(url);
        }
        catch (InvalidDataException e)
        {
            _problems[url] = e.Message;
            return null;
        }
    }

    /// <summary>The root element of the compiled core definition of a type, cached by type.</summary>
    internal ElementDef? TypeRoot(TypeDefinition type) =>
        _typeRoots.TryGetValue(type, out var root) ? root : _typeRoots.GetOrAdd(type, t => GetTypeStructure(t.Name)?.Root);

    /// <summary>The compiled core definition of a type (<c>Patient</c>, <c>HumanName</c>).</summary>
    internal StructureDef? GetTypeStructure(string typeName) => GetStructure(CoreBase + typeName);

    private JsonArray? SnapshotOf(string url) =>
        _snapshots.GetOrAdd(url, u => new Lazy<JsonArray?>(() => BuildSnapshot(u))).Value;

    private JsonArray? BuildSnapshot(string url)
    {
        if (!_structures.TryGetValue(url, out var raw))
        {
            return null;
        }

        var sd = JsonNode.Parse(raw.Json.Span)!.AsObject();
        if (sd["snapshot"]?["element"] is JsonArray snapshot && snapshot.Count > 0)
        {
            // A deep copy is fully materialised, so concurrent compilations can read it safely.
            return snapshot.DeepClone().AsArray();
        }

        return SnapshotGenerator.Generate(sd, baseUrl => SnapshotOf(Canonical(baseUrl))?.DeepClone().AsArray());
    }

    private StructureDef? Compile(string url)
    {
        if (!_structures.TryGetValue(url, out var raw))
        {
            return null;
        }

        var sd = JsonNode.Parse(raw.Json.Span)!.AsObject();
        var snapshot = SnapshotOf(url) ?? throw new InvalidDataException($"StructureDefinition {url} has no snapshot.");
        return StructureDefCompiler.Compile(sd, snapshot, this);
    }

    private void AddAll(List<RawResource> resources, bool gateway)
    {
        foreach (var r in resources)
        {
            switch (r.ResourceType)
            {
                case "StructureDefinition":
                    // The R4 bundle also carries the R4B SubscriptionStatus; keep R4's own definitions only.
                    if (r.FhirVersion is { } v && !v.StartsWith("4.0", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    _structures[r.Url] = r;
                    if (gateway)
                    {
                        _gatewayProfiles.Add(r.Url);
                    }

                    break;
                case "ValueSet" or "CodeSystem":
                    _terminology.Add(r);
                    break;
            }
        }
    }

    private static IEnumerable<RawResource> LoadCoreTerminology()
    {
        var assembly = typeof(ConformanceResources).Assembly;
        foreach (var name in new[] { "r4/valuesets.json.gz", "r4/v3-codesystems.json.gz", "r4/v2-tables.json.gz" })
        {
            using var stream = Open(assembly, name);
            foreach (var r in ResourceIndex.ReadGzipped(stream))
            {
                yield return r;
            }
        }
    }

    internal static string Canonical(string url)
    {
        var bar = url.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? url : url[..bar];
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded definitions '{name}' are missing.");
}
