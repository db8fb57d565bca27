using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text.RegularExpressions;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.FhirPath;
using FhirGateway.Search.Indexing;

namespace FhirGateway.Search.Registry;

/// <summary>
/// The search parameters of every resource type: the official R4 SearchParameters (profiles/r4/search-parameters.json.gz,
/// embedded unchanged) and the gateway's own, which may add parameters or replace official ones with the same base
/// and code. Expressions are compiled once. Immutable and thread-safe once created.
/// </summary>
public sealed partial class SearchParameterRegistry
{
    /// <summary>The source name of the official definitions.</summary>
    public const string CoreSource = "R4 core";

    private static readonly Lazy<IReadOnlyList<ElementNode>> CoreDefinitions = new(LoadCore);
    private static readonly Lazy<SearchParameterRegistry> LazyOfficial = new(() => Create([], out _));

    private readonly Dictionary<string, Dictionary<string, SearchParameterInfo>> _byBase;
    private readonly Dictionary<string, SearchParameterInfo> _byUrl;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SearchParameterInfo>> _forType = new(StringComparer.Ordinal);

    private SearchParameterRegistry(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, Dictionary<string, SearchParameterInfo> byUrl)
    {
        _byBase = byBase;
        _byUrl = byUrl;
    }

    /// <summary>The official R4 search parameters only.</summary>
    public static SearchParameterRegistry Official => LazyOfficial.Value;

    /// <summary>Every parameter known, once each.</summary>
    public IEnumerable<SearchParameterInfo> All => _byUrl.Values;

    /// <summary>
    /// Creates a registry of the official parameters and <paramref name="additional"/> ones (later ones replace earlier
    /// ones with the same URL, or the same base and code). Parameters that cannot be used are left out and reported.
    /// </summary>
    public static SearchParameterRegistry Create(IEnumerable<SearchParameterSource> additional, out IReadOnlyList<SearchParameterIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(additional);
        var found = new List<SearchParameterIssue>();
        var byUrl = new Dictionary<string, SearchParameterInfo>(StringComparer.Ordinal);
        var sources = CoreDefinitions.Value.Select(d => new SearchParameterSource(d, CoreSource)).Concat(additional);
        var read = new List<(SearchParameterInfo Info, List<(string Definition, string Expression)> Components)>();
        foreach (var source in sources)
        {
            if (Read(source, found) is { } parameter)
            {
                if (byUrl.ContainsKey(parameter.Info.Url))
                {
                    found.Add(new SearchParameterIssue(source.Source, $"Replaces the search parameter {parameter.Info.Url}.", IsError: false));
                    read.RemoveAll(r => r.Info.Url == parameter.Info.Url);
                }

                byUrl[parameter.Info.Url] = parameter.Info;
                read.Add(parameter);
            }
        }

        var byBase = new Dictionary<string, Dictionary<string, SearchParameterInfo>>(StringComparer.Ordinal);
        foreach (var (info, components) in read)
        {
            if (info.Type == SearchParamType.Composite && !ResolveComponents(info, components, byUrl, found))
            {
                byUrl.Remove(info.Url);
                continue;
            }

            foreach (var type in info.Bases)
            {
                if (!byBase.TryGetValue(type, out var codes))
                {
                    byBase[type] = codes = new Dictionary<string, SearchParameterInfo>(StringComparer.Ordinal);
                }

                if (codes.TryGetValue(info.Code, out var previous) && previous.Url != info.Url)
                {
                    found.Add(new SearchParameterIssue(info.Source, $"{type}.{info.Code} replaces {previous.Url}.", IsError: false));
                }

                codes[info.Code] = info;
            }
        }

        ShareRows(byBase, byUrl.Values);
        ShareUnionRows(byBase, byUrl.Values);
        ShareRootCompositeRows(byBase, byUrl.Values);
        ShareCompositeUnions(byBase, byUrl.Values);
        ShareCoveredRows(byBase);
        issues = found;
        return new SearchParameterRegistry(byBase, byUrl);
    }

    /// <summary>
    /// Parameters whose values are, on every base type, exactly another parameter's of the same type (the same union
    /// of expression branches rooted at that type) are answered from that parameter's rows and write none of their own
    /// (<see cref="SearchParameterInfo.RowCode"/>): Patient, Person, Practitioner and RelatedPerson's <c>phonetic</c>
    /// (<c>name</c>, five string rows per Patient of the load script), CodeSystem's <c>system</c> (<c>url</c>),
    /// CapabilityStatement's <c>fhirversion</c> (<c>version</c>). Parameters with more base types go first, so a shared
    /// parameter is the one that reads another's rows only when all its types have that other. References keep their
    /// own rows (includes and chains name them), composites their components.
    /// </summary>
    private static void ShareRows(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, IEnumerable<SearchParameterInfo> all)
    {
        var kept = new HashSet<SearchParameterInfo>(ReferenceEqualityComparer.Instance);
        var candidates = all.Where(CanShare)
            .OrderByDescending(p => p.Bases.Count).ThenBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.Url, StringComparer.Ordinal);
        foreach (var parameter in candidates)
        {
            if (kept.Contains(parameter))
            {
                continue;
            }

            var shared = byBase.GetValueOrDefault(parameter.Bases[0])?.Values
                .Where(q => !ReferenceEquals(q, parameter) && q.Code != parameter.Code && q.RowCode == q.Code && q.IsSupported && q.Type == parameter.Type)
                .Select(q => q.Code)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault(code => parameter.Bases.All(b =>
                    byBase.GetValueOrDefault(b)?.GetValueOrDefault(code) is { } other && other.RowCode == other.Code && other.Type == parameter.Type &&
                    BranchesOn(other, b).SetEquals(BranchesOn(parameter, b))));
            if (shared is null)
            {
                continue;
            }

            parameter.RowCode = shared;
            foreach (var type in parameter.Bases)
            {
                kept.Add(byBase[type][shared]);
            }
        }
    }

    /// <summary>
    /// Parameters whose branches on every base type are exactly the union of other parameters' (each a part of them)
    /// are answered from those parameters' rows (<see cref="SearchParameterInfo.RowParts"/>): Observation's
    /// <c>combo-code</c>, <c>combo-value-quantity</c>, <c>combo-value-concept</c> and <c>combo-data-absent-reason</c>,
    /// whose rows repeated those of <c>code</c> and <c>component-code</c> and the like (two quantity rows at random places
    /// of the quantity index per Observation with a value). The parts must be the same codes on every base type.
    /// </summary>
    private static void ShareUnionRows(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, IEnumerable<SearchParameterInfo> all)
    {
        var parted = all.Where(CanShare).OrderBy(p => p.Url, StringComparer.Ordinal)
            .Select(parameter => (Parameter: parameter, Parts: PartsOnEveryBase(
                byBase,
                parameter,
                q => q.WritesOwnRows && q.Type == parameter.Type,
                (branches, whole) => branches.Count > 0 && branches.Count < whole.Count && branches.IsSubsetOf(whole))))
            .Where(p => p.Parts is not null)
            .ToList();

        // A part that is itself made of parts would leave its rows unwritten: such parameters keep their own rows.
        var made = parted.Select(p => p.Parameter.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (parameter, parts) in parted.Where(p => !p.Parts!.Any(made.Contains)))
        {
            parameter.RowParts = parts;
        }
    }

    /// <summary>
    /// The codes of the parameters whose branches, on every base type of <paramref name="parameter"/>, together are
    /// exactly its branches there (the same codes on each type, at least two), among the type's other supported
    /// parameters that are <paramref name="candidate"/>s and whose branches <paramref name="isPart"/> of its own; or null.
    /// </summary>
    private static List<string>? PartsOnEveryBase(
        Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase,
        SearchParameterInfo parameter,
        Func<SearchParameterInfo, bool> candidate,
        Func<HashSet<string>, HashSet<string>, bool> isPart)
    {
        List<string>? parts = null;
        foreach (var type in parameter.Bases)
        {
            var whole = BranchesOn(parameter, type);
            if (whole.Count < 2 || !byBase.TryGetValue(type, out var codes))
            {
                return null;
            }

            var covered = new HashSet<string>(StringComparer.Ordinal);
            var found = new List<string>();
            foreach (var other in codes.Values
                .Where(q => !ReferenceEquals(q, parameter) && q.IsSupported && q.Expression is not null && candidate(q))
                .OrderBy(q => q.Code, StringComparer.Ordinal))
            {
                var branches = BranchesOn(other, type);
                if (isPart(branches, whole))
                {
                    covered.UnionWith(branches);
                    found.Add(other.Code);
                }
            }

            if (!covered.SetEquals(whole) || (parts is not null && !parts.SequenceEqual(found, StringComparer.Ordinal)))
            {
                return null;
            }

            parts = found;
        }

        return parts is { Count: > 1 } ? parts : null;
    }

    private static HashSet<string> BranchesOn(SearchParameterInfo parameter, string type)
    {
        FhirModel.R4.TryGetResourceType(type, out var definition);
        return TypeExpressions.Branches(parameter.Expression!)
            .Where(b => TypeExpressions.CanMatch(b, definition!))
            .Select(TypeExpressions.Unwrap)
            .ToHashSet(StringComparer.Ordinal);
    }

    // Parameters that may read other parameters' rows: not references (includes and chains name them), not composites
    // (their components), and only on concrete resource types.
    private static bool CanShare(SearchParameterInfo parameter) =>
        parameter.WritesOwnRows && parameter.IsSupported && parameter.Expression is not null &&
        parameter.Type is not (SearchParamType.Composite or SearchParamType.Reference) && parameter.Code is not ("_id" or "_lastUpdated") &&
        parameter.Bases.All(b => FhirModel.R4.TryGetResourceType(b, out var t) && !t.IsAbstract);

    /// <summary>Finds the parameter a resource type has under <paramref name="code"/>, including those of every resource.</summary>
    public bool TryGet(string resourceType, string code, [NotNullWhen(true)] out SearchParameterInfo? parameter)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(code);
        foreach (var level in Levels(resourceType))
        {
            if (_byBase.TryGetValue(level, out var codes) && codes.TryGetValue(code, out parameter))
            {
                return true;
            }
        }

        parameter = null;
        return false;
    }

    /// <summary>Every parameter of a resource type (its own, then those of DomainResource and Resource), by code.</summary>
    public IReadOnlyList<SearchParameterInfo> For(string resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return _forType.GetOrAdd(resourceType, type =>
        {
            var seen = new Dictionary<string, SearchParameterInfo>(StringComparer.Ordinal);
            foreach (var level in Levels(type))
            {
                if (_byBase.TryGetValue(level, out var codes))
                {
                    foreach (var (code, parameter) in codes)
                    {
                        seen.TryAdd(code, parameter);
                    }
                }
            }

            return seen.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        });
    }

    /// <summary>Finds a parameter by its canonical URL.</summary>
    public SearchParameterInfo? FindByUrl(string url) => _byUrl.GetValueOrDefault(url);

    // A type's own parameters come first, then those every domain resource has, then those of every resource.
    private static IEnumerable<string> Levels(string resourceType)
    {
        yield return resourceType;
        if (FhirModel.R4.FindType(resourceType) is { } type && FhirModel.R4.FindType("DomainResource") is { } domain &&
            domain.IsAssignableFrom(type) && type != domain)
        {
            yield return "DomainResource";
        }

        if (resourceType != "Resource")
        {
            yield return "Resource";
        }
    }

    private static (SearchParameterInfo Info, List<(string Definition, string Expression)> Components)? Read(SearchParameterSource source, List<SearchParameterIssue> issues)
    {
        var node = source.Resource;
        string? Value(ElementNode parent, string name) => parent.Child(name)?.Value;
        var url = Value(node, "url");
        var code = Value(node, "code");
        var typeText = Value(node, "type");
        var name = url ?? code ?? "(no url)";
        if (url is null || code is null || typeText is null)
        {
            issues.Add(new SearchParameterIssue(source.Source, $"SearchParameter {name} needs url, code and type."));
            return null;
        }

        if (!TryParseType(typeText, out var type))
        {
            issues.Add(new SearchParameterIssue(source.Source, $"SearchParameter {url} has an unknown type '{typeText}'."));
            return null;
        }

        var bases = node.ChildrenNamed("base").Select(b => b.Value).OfType<string>().ToList();
        var unknown = bases.Where(b => b is not ("Resource" or "DomainResource") && !FhirModel.R4.TryGetResourceType(b, out _)).ToList();
        if (bases.Count == 0 || unknown.Count > 0)
        {
            issues.Add(new SearchParameterIssue(source.Source, $"SearchParameter {url} has no base or an unknown one ({string.Join(", ", unknown)})."));
            return null;
        }

        var expression = Value(node, "expression");
        FhirPathExpression? compiled = null;
        if (expression is not null)
        {
            try
            {
                compiled = FhirPathCompiler.Default.Compile(ForIndexing(expression));
            }
            catch (FhirPathException e)
            {
                issues.Add(new SearchParameterIssue(source.Source, $"SearchParameter {url}: the expression does not compile: {e.Message}"));
                return null;
            }
        }

        var components = new List<(string, string)>();
        foreach (var component in node.ChildrenNamed("component"))
        {
            if (Value(component, "definition") is not { } definition || Value(component, "expression") is not { } componentExpression)
            {
                issues.Add(new SearchParameterIssue(source.Source, $"SearchParameter {url} has a component without definition or expression."));
                return null;
            }

            components.Add((definition, componentExpression));
        }

        var targets = node.ChildrenNamed("target").Select(t => t.Value).OfType<string>().ToList();
        return (new SearchParameterInfo(url, code, type, bases, expression, compiled, targets, [], source.Source, Value(node, "description")), components);
    }

    private static bool ResolveComponents(
        SearchParameterInfo composite, List<(string Definition, string Expression)> definitions, Dictionary<string, SearchParameterInfo> byUrl, List<SearchParameterIssue> issues)
    {
        if (definitions.Count == 0)
        {
            issues.Add(new SearchParameterIssue(composite.Source, $"Composite SearchParameter {composite.Url} has no components."));
            return false;
        }

        var components = new List<SearchParameterComponent>();
        foreach (var (definition, expression) in definitions)
        {
            if (!byUrl.TryGetValue(definition, out var parameter) || parameter.Kind is null)
            {
                issues.Add(new SearchParameterIssue(composite.Source, $"Composite SearchParameter {composite.Url}: component {definition} is unknown or not a simple type."));
                return false;
            }

            FhirPathExpression compiled;
            try
            {
                compiled = FhirPathCompiler.Default.Compile(expression);
            }
            catch (FhirPathException e)
            {
                issues.Add(new SearchParameterIssue(composite.Source, $"Composite SearchParameter {composite.Url}: component expression does not compile: {e.Message}"));
                return false;
            }

            components.Add(new SearchParameterComponent(definition, expression) { Compiled = compiled, Parameter = parameter });
        }

        composite.Components = components;
        return true;
    }

    /// <summary>
    /// The expression as the indexer evaluates it. <c>where(resolve() is Patient)</c> picks references to patients, but
    /// a reference by identifier alone has nothing to resolve; when it says its type (Reference.type,
    /// https://hl7.org/fhir/R4/references.html#logical) that type decides, so <c>patient:identifier</c> finds it.
    /// </summary>
    internal static string ForIndexing(string expression) =>
        ResolveIs().Replace(expression, m =>
            $"where(resolve() is {m.Groups[1].Value} or (reference.empty() and (type = '{m.Groups[1].Value}' or type = 'http://hl7.org/fhir/StructureDefinition/{m.Groups[1].Value}')))");

    [GeneratedRegex(@"where\(resolve\(\) is ([A-Za-z]+)\)")]
    private static partial Regex ResolveIs();

    private static bool TryParseType(string text, out SearchParamType type)
    {
        type = text switch
        {
            "number" => SearchParamType.Number,
            "date" => SearchParamType.Date,
            "string" => SearchParamType.String,
            "token" => SearchParamType.Token,
            "reference" => SearchParamType.Reference,
            "composite" => SearchParamType.Composite,
            "quantity" => SearchParamType.Quantity,
            "uri" => SearchParamType.Uri,
            "special" => SearchParamType.Special,
            _ => (SearchParamType)(-1),
        };
        return (int)type >= 0;
    }

    private static IReadOnlyList<ElementNode> LoadCore()
    {
        using var stream = typeof(SearchParameterRegistry).Assembly.GetManifestResourceStream("r4/search-parameters.json.gz")
            ?? throw new InvalidOperationException("The embedded R4 search parameters are missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var result = FhirJsonReader.Parse(buffer.ToArray(), FhirModel.R4);
        if (result.Resource is null || result.HasErrors)
        {
            throw new InvalidOperationException("The embedded R4 search parameters do not read: " + string.Join("; ", result.Issues.Take(3)));
        }

        return SearchParameterFiles.In(result.Resource).ToList();
    }
}
