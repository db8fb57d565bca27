using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Terminology;
using FhirGateway.Validation.Definitions;

namespace FhirGateway.Validation.Terminology;

/// <summary>
/// Expands value sets from the definitions available locally (the official R4 value sets and code systems, the
/// v2 and v3 tables, and the gateway's own), once per value set. A value set that includes a whole code system, a
/// list of concepts, hierarchy filters (is-a, descendent-of, is-not-a), property filters or regex filters on a
/// local code system is expanded; a system that is not available locally (SNOMED CT, LOINC, UCUM, ...) stays open,
/// so its codes are neither accepted nor rejected.
/// </summary>
internal sealed class TerminologyService : ITerminologyService
{
    private readonly Dictionary<string, RawResource> _valueSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawResource> _codeSystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _implicitValueSets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ValueSetExpansion?>> _expansions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<CodeSystemInfo?>> _parsedCodeSystems = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static HashSet<string>? _inProgress;

    public TerminologyService(IEnumerable<RawResource> resources)
    {
        foreach (var r in resources)
        {
            if (r.ResourceType == "ValueSet")
            {
                _valueSets[r.Url] = r;
            }
            else if (r.ResourceType == "CodeSystem")
            {
                _codeSystems[r.Url] = r;
            }
        }
    }

    /// <summary>A code system by URL; null when not available locally.</summary>
    public CodeSystemInfo? GetCodeSystem(string url) =>
        _parsedCodeSystems.GetOrAdd(url, u => new Lazy<CodeSystemInfo?>(() => ParseCodeSystem(u), LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>The expansion of a value set by canonical URL; null when the value set is unknown.</summary>
    public ValueSetExpansion? Expand(string url)
    {
        url = ConformanceResources.Canonical(url);
        var inProgress = _inProgress ??= new HashSet<string>(StringComparer.Ordinal);
        if (inProgress.Contains(url))
        {
            // A value set that includes itself through others: what is already known stands, the rest is open.
            return new ValueSetExpansion(url, url) { Incomplete = true };
        }

        inProgress.Add(url);
        try
        {
            return _expansions.GetOrAdd(url, u => new Lazy<ValueSetExpansion?>(() => ExpandUncached(u), LazyThreadSafetyMode.PublicationOnly)).Value;
        }
        finally
        {
            inProgress.Remove(url);
        }
    }

    /// <inheritdoc />
    public bool? MemberOf(object codedValue, string valueSetUrl)
    {
        var expansion = Expand(valueSetUrl);
        if (expansion is null)
        {
            return null;
        }

        var unknown = false;
        foreach (var (system, code) in CodesOf(codedValue))
        {
            switch (expansion.Contains(system, code, this))
            {
                case Membership.Member:
                    return true;
                case Membership.Unknown:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : false;
    }

    /// <inheritdoc />
    public bool? Subsumes(object code, object other)
    {
        var a = CodesOf(code).FirstOrDefault();
        var b = CodesOf(other).FirstOrDefault();
        if (a.System is null || a.System != b.System || GetCodeSystem(a.System) is not { } cs ||
            cs.Find(a.Code) is not { } ca || cs.Find(b.Code) is not { } cb)
        {
            return null;
        }

        return cs.SelfAndDescendants(ca).Contains(cb);
    }

    /// <summary>The (system, code) pairs of a code, Coding or CodeableConcept node or a string.</summary>
    internal static IEnumerable<(string? System, string Code)> CodesOf(object value)
    {
        switch (value)
        {
            case string s:
                yield return (null, s);
                break;
            case ElementNode { Type.IsPrimitive: true, Value: { } v }:
                yield return (null, v);
                break;
            case ElementNode { Type.Name: "Coding" } coding when coding.Child("code")?.Value is { } c:
                yield return (coding.Child("system")?.Value, c);
                break;
            case ElementNode { Type.Name: "CodeableConcept" } concept:
                foreach (var coding in concept.ChildrenNamed("coding"))
                {
                    if (coding.Child("code")?.Value is { } code)
                    {
                        yield return (coding.Child("system")?.Value, code);
                    }
                }

                break;
        }
    }

    private CodeSystemInfo? ParseCodeSystem(string url)
    {
        if (!_codeSystems.TryGetValue(url, out var raw))
        {
            return null;
        }

        var cs = JsonNode.Parse(raw.Json.Span)!.AsObject();
        return CodeSystemInfo.Parse(cs);
    }

    private ValueSetExpansion? ExpandUncached(string url)
    {
        if (!_valueSets.TryGetValue(url, out var raw))
        {
            // A binding that names a code system's implicit value set (CodeSystem.valueSet), or the code system itself.
            var system = ImplicitSystem(url);
            if (system is null || GetCodeSystem(system) is not { } implicitCs)
            {
                return null;
            }

            var all = new ValueSetExpansion(url, implicitCs.Name);
            AddWholeSystem(all, implicitCs);
            return all;
        }

        var vs = JsonNode.Parse(raw.Json.Span)!.AsObject();
        var expansion = new ValueSetExpansion(url, vs.Str("title") ?? vs.Str("name") ?? url);
        var compose = vs["compose"];
        if (compose is null)
        {
            foreach (var contains in Flatten(vs["expansion"].Items("contains")))
            {
                if (contains.Str("system") is { } s && contains.Str("code") is { } c)
                {
                    expansion.Add(s, c);
                }
            }

            if (vs["expansion"] is null)
            {
                expansion.Incomplete = true;
            }

            return expansion;
        }

        foreach (var include in compose.Items("include"))
        {
            Include(expansion, include);
        }

        foreach (var exclude in compose.Items("exclude"))
        {
            Exclude(expansion, exclude);
        }

        return expansion;
    }

    private string? ImplicitSystem(string url)
    {
        if (_codeSystems.ContainsKey(url))
        {
            return url;
        }

        lock (_implicitValueSets)
        {
            if (_implicitValueSets.Count == 0)
            {
                foreach (var raw in _codeSystems.Values)
                {
                    if (JsonNode.Parse(raw.Json.Span).Str("valueSet") is { } vs)
                    {
                        _implicitValueSets[ConformanceResources.Canonical(vs)] = raw.Url;
                    }
                }

                _implicitValueSets[string.Empty] = string.Empty;
            }

            return _implicitValueSets.GetValueOrDefault(url);
        }
    }

    private static IEnumerable<JsonNode> Flatten(IEnumerable<JsonNode> contains)
    {
        foreach (var c in contains)
        {
            yield return c;
            foreach (var nested in Flatten(c.Items("contains")))
            {
                yield return nested;
            }
        }
    }

    private void Include(ValueSetExpansion expansion, JsonNode include)
    {
        var part = Part(include);
        if (part is null)
        {
            expansion.Incomplete = true;
            return;
        }

        expansion.AddAll(part);
    }

    private void Exclude(ValueSetExpansion expansion, JsonNode exclude)
    {
        var system = exclude.Str("system");
        var part = Part(exclude);
        if (part is null || part.OpenSystems.Count > 0)
        {
            // What is excluded cannot be worked out: membership in what remains is no longer certain.
            if (system is not null)
            {
                expansion.AddOpenSystem(system);
            }
            else
            {
                expansion.Incomplete = true;
            }

            return;
        }

        foreach (var (s, c) in part.Codes)
        {
            expansion.Remove(s, c);
        }
    }

    /// <summary>The codes one include or exclude names; null when it cannot be worked out at all.</summary>
    private ValueSetExpansion? Part(JsonNode part)
    {
        var result = new ValueSetExpansion(string.Empty, string.Empty);
        var system = part.Str("system");
        var valueSets = part.Strings("valueSet");
        if (system is null)
        {
            if (valueSets.Length == 0)
            {
                return null;
            }

            ValueSetExpansion? first = null;
            foreach (var url in valueSets)
            {
                var other = Expand(url);
                if (other is null)
                {
                    return null;
                }

                if (first is null)
                {
                    first = other;
                    result.AddAll(other);
                }
                else
                {
                    result = Intersect(result, other);
                }
            }

            return result;
        }

        var cs = GetCodeSystem(ConformanceResources.Canonical(system));
        var concepts = part.Items("concept").ToList();
        var filters = part.Items("filter").ToList();
        if (concepts.Count > 0)
        {
            foreach (var c in concepts)
            {
                if (c.Str("code") is { } code)
                {
                    result.Add(system, code);
                }
            }
        }
        else if (cs is null)
        {
            result.AddOpenSystem(system);
        }
        else if (filters.Count > 0)
        {
            if (!ApplyFilters(result, cs, system, filters))
            {
                result = new ValueSetExpansion(string.Empty, string.Empty);
                result.AddOpenSystem(system);
            }
        }
        else
        {
            AddWholeSystem(result, cs);
        }

        foreach (var url in valueSets)
        {
            var other = Expand(url);
            if (other is null)
            {
                result.AddOpenSystem(system);
                continue;
            }

            result = Intersect(result, other);
        }

        return result;
    }

    private static ValueSetExpansion Intersect(ValueSetExpansion a, ValueSetExpansion b)
    {
        var result = new ValueSetExpansion(string.Empty, string.Empty) { Incomplete = a.Incomplete || b.Incomplete };
        foreach (var (s, c) in a.Codes)
        {
            if (b.ContainsExactly(s, c) || b.OpenSystems.Contains(s))
            {
                result.Add(s, c);
            }
        }

        foreach (var s in a.OpenSystems)
        {
            result.AddOpenSystem(s);
        }

        return result;
    }

    private static void AddWholeSystem(ValueSetExpansion expansion, CodeSystemInfo cs)
    {
        foreach (var concept in cs.Concepts)
        {
            expansion.Add(cs.Url, concept.Code);
        }

        if (!cs.IsComplete)
        {
            expansion.AddOpenSystem(cs.Url);
        }
    }

    /// <summary>Applies the filters of an include (all must hold); false when a filter cannot be applied locally.</summary>
    private static bool ApplyFilters(ValueSetExpansion result, CodeSystemInfo cs, string system, List<JsonNode> filters)
    {
        IEnumerable<Concept>? selected = null;
        foreach (var filter in filters)
        {
            var property = filter.Str("property");
            var op = filter.Str("op");
            var value = filter.Str("value") ?? string.Empty;
            IEnumerable<Concept>? matches;
            switch (property, op)
            {
                case ("concept", "is-a"):
                    matches = cs.Find(value) is { } root ? cs.SelfAndDescendants(root) : [];
                    break;
                case ("concept", "descendent-of"):
                    matches = cs.Find(value) is { } top ? cs.SelfAndDescendants(top).Where(c => c != top) : [];
                    break;
                case ("concept", "is-not-a"):
                    var excluded = cs.Find(value) is { } ex ? cs.SelfAndDescendants(ex).ToHashSet() : [];
                    matches = cs.Concepts.Where(c => !excluded.Contains(c));
                    break;
                case ("concept" or "code", "in"):
                    var codes = value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    matches = cs.Concepts.Where(c => codes.Contains(c.Code));
                    break;
                case ("code", "regex"):
                    var regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                    matches = cs.Concepts.Where(c => regex.IsMatch(c.Code));
                    break;
                case (not null, "=") when property != "concept":
                    matches = cs.Concepts.Where(c => c.Properties.Any(p => p.Code == property && p.Value == value));
                    break;
                default:
                    return false;
            }

            selected = selected is null ? matches.ToList() : selected.Intersect(matches).ToList();
        }

        foreach (var concept in selected ?? [])
        {
            result.Add(system, concept.Code);
        }

        if (!cs.IsComplete)
        {
            result.AddOpenSystem(system);
        }

        return true;
    }
}
