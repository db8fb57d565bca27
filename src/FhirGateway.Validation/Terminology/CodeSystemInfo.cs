using System.Text.Json.Nodes;
using FhirGateway.Validation.Definitions;

namespace FhirGateway.Validation.Terminology;

/// <summary>A code system available locally: its concepts with their hierarchy and properties.</summary>
internal sealed class CodeSystemInfo
{
    private readonly Dictionary<string, Concept> _concepts;
    private readonly Dictionary<string, Concept>? _byLowerCase;

    private CodeSystemInfo(string url, string name, bool complete, bool caseSensitive, Dictionary<string, Concept> concepts)
    {
        Url = url;
        Name = name;
        IsComplete = complete;
        CaseSensitive = caseSensitive;
        _concepts = concepts;
        if (!caseSensitive)
        {
            _byLowerCase = new Dictionary<string, Concept>(StringComparer.OrdinalIgnoreCase);
            foreach (var (code, concept) in concepts)
            {
                _byLowerCase.TryAdd(code, concept);
            }
        }
    }

    public string Url { get; }

    public string Name { get; }

    /// <summary>Whether the resource lists every code of the system (content = complete).</summary>
    public bool IsComplete { get; }

    public bool CaseSensitive { get; }

    public IEnumerable<Concept> Concepts => _concepts.Values;

    public Concept? Find(string code) =>
        _concepts.TryGetValue(code, out var c) ? c : _byLowerCase is not null && _byLowerCase.TryGetValue(code, out c) ? c : null;

    /// <summary>The concept and everything below it in the hierarchy.</summary>
    public IEnumerable<Concept> SelfAndDescendants(Concept root)
    {
        var seen = new HashSet<Concept>();
        var stack = new Stack<Concept>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (!seen.Add(c))
            {
                continue;
            }

            yield return c;
            foreach (var child in c.Children)
            {
                stack.Push(child);
            }
        }
    }

    public static CodeSystemInfo Parse(JsonObject cs)
    {
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        var parents = new List<(Concept Child, string ParentCode)>();
        foreach (var c in cs.Items("concept"))
        {
            Add(c, null, concepts, parents);
        }

        foreach (var (child, parentCode) in parents)
        {
            if (concepts.TryGetValue(parentCode, out var parent) && !parent.Children.Contains(child))
            {
                parent.Children.Add(child);
                child.Parents.Add(parent);
            }
        }

        return new CodeSystemInfo(
            cs.Str("url") ?? string.Empty,
            cs.Str("title") ?? cs.Str("name") ?? cs.Str("url") ?? string.Empty,
            cs.Str("content") is null or "complete",
            cs["caseSensitive"] is null || cs.Bool("caseSensitive"),
            concepts);
    }

    private static void Add(JsonNode node, Concept? parent, Dictionary<string, Concept> concepts, List<(Concept, string)> parents)
    {
        if (node.Str("code") is not { } code)
        {
            return;
        }

        if (!concepts.TryGetValue(code, out var concept))
        {
            concept = new Concept(code, node.Str("display"));
            concepts[code] = concept;
        }

        if (parent is not null && !parent.Children.Contains(concept))
        {
            parent.Children.Add(concept);
            concept.Parents.Add(parent);
        }

        foreach (var p in node.Items("property"))
        {
            var key = p.Str("code");
            if (key is null || p is not JsonObject o)
            {
                continue;
            }

            string? value = null;
            foreach (var (name, v) in o)
            {
                if (name.StartsWith("value", StringComparison.Ordinal) && v is JsonValue jv)
                {
                    value = jv.ToString();
                }
            }

            if (value is null)
            {
                continue;
            }

            concept.Properties.Add((key, value));
            if (key is "subsumedBy" or "parent")
            {
                parents.Add((concept, value));
            }
        }

        foreach (var child in node.Items("concept"))
        {
            Add(child, concept, concepts, parents);
        }
    }
}

/// <summary>One concept of a code system.</summary>
internal sealed class Concept(string code, string? display)
{
    public string Code { get; } = code;

    public string? Display { get; } = display;

    public List<Concept> Parents { get; } = [];

    public List<Concept> Children { get; } = [];

    public List<(string Code, string Value)> Properties { get; } = [];

    public override string ToString() => Code;
}
