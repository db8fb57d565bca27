using System.Collections.Concurrent;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath;
using FhirGateway.Search.Registry;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// Extracts the search-index rows of a resource at write time: every search parameter of its type is evaluated with
/// its FHIRPath expression and each value becomes rows by the type rules of https://hl7.org/fhir/R4/search.html.
/// <c>_id</c> and <c>_lastUpdated</c> make no rows: the store keeps both on the resource itself. Thread-safe.
/// </summary>
public sealed class SearchIndexer
{
    /// <summary>The separator between a composite parameter's code and a component's position in row codes: <c>code-value-quantity$1</c>.</summary>
    public const char ComponentSeparator = '$';

    private static readonly ConcurrentDictionary<string, ElementNode> Stubs = new(StringComparer.Ordinal);

    private readonly SearchParameterRegistry _registry;
    private readonly IndexRowWriter _writer;
    private readonly TypeExpressions _expressions = new();
    private readonly IReadOnlyList<string> _localBases;
    private readonly ConcurrentDictionary<string, (string Whole, HashSet<string> Parts)[]> _covering = new(StringComparer.Ordinal);

    /// <summary>Creates an indexer.</summary>
    /// <param name="registry">The search parameters.</param>
    /// <param name="localBaseUrls">
    /// The absolute base URLs of this server (<c>https://gateway.example.org/fhir</c>): references to them are local,
    /// and match searches by type and id.
    /// </param>
    public SearchIndexer(SearchParameterRegistry registry, IEnumerable<string>? localBaseUrls = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _localBases = (localBaseUrls ?? []).Select(b => b.TrimEnd('/')).Where(b => b.Length > 0).ToList();
        _writer = new IndexRowWriter(_localBases);
        Fingerprint = IndexFingerprint.Of(registry, _localBases);
    }

    /// <summary>The fingerprint of the definitions this indexer extracts rows with (<see cref="IndexFingerprint"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>The index rows of a resource (a root resource node), without duplicates.</summary>
    public IReadOnlyList<IndexRow> Extract(ElementNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!resource.IsResource)
        {
            throw new ArgumentException("Only resources are indexed.", nameof(resource));
        }

        var context = new EvaluationContext { Resource = resource, RootResource = resource, ResolveReference = Stub };
        var rows = new List<IndexRow>();
        var values = new List<object>();
        foreach (var parameter in _registry.For(resource.Type.Name))
        {
            // A parameter answered from others' rows (SearchParameterRegistry.ShareRows, ShareUnionRows) writes none of its own.
            if (parameter.Compiled is null || parameter.Code is "_id" or "_lastUpdated" || parameter.Type == SearchParamType.Special || !parameter.WritesOwnRows)
            {
                continue;
            }

            values.Clear();
            if (_expressions.For(resource.Type, parameter) is not { } expression || !TryEvaluate(expression, resource, context, values))
            {
                continue;
            }

            if (parameter.Type == SearchParamType.Composite)
            {
                AddComposite(rows, parameter, values, resource, context);
                continue;
            }

            foreach (var value in values)
            {
                _writer.Add(rows, parameter.Code, parameter.Type, value, resource);
            }
        }

        LeaveOutCovered(rows, resource.Type.Name);
        return rows.Distinct().ToList();
    }

    /// <summary>
    /// A parameter covering others (SearchParameterInfo.CoveredParts: Patient's name covers family and given) keeps
    /// only the rows whose values none of them holds: searches read its rows and theirs together, so each value is
    /// written once.
    /// </summary>
    private void LeaveOutCovered(List<IndexRow> rows, string type)
    {
        var wholes = _covering.GetOrAdd(type, t => _registry.For(t)
            .Where(p => p.WritesOwnRows && p.CoveredParts is not null)
            .Select(p => (p.Code, p.CoveredParts!.ToHashSet(StringComparer.Ordinal)))
            .ToArray());
        foreach (var (whole, parts) in wholes)
        {
            HashSet<IndexRow>? held = null;
            foreach (var row in rows)
            {
                if (row.Group is null && parts.Contains(row.Parameter))
                {
                    (held ??= []).Add(row.Renamed(whole));
                }
            }

            if (held is not null)
            {
                rows.RemoveAll(row => row.Parameter == whole && held.Contains(row));
            }
        }
    }

    /// <summary>A write of the resource carrying its index rows, for <see cref="IResourceStore"/>.</summary>
    public ResourceWrite PrepareWrite(ElementNode resource) => new(resource) { IndexRows = Extract(resource), IndexFingerprint = Fingerprint };

    /// <summary>
    /// Each result of the composite's expression is one occurrence: its components' rows are written under
    /// <c>code$0</c>, <c>code$1</c>... with the occurrence's group number, and only when every component has a value.
    /// </summary>
    private void AddComposite(List<IndexRow> rows, SearchParameterInfo parameter, List<object> contexts, ElementNode resource, EvaluationContext context)
    {
        var group = 0;
        var parts = new List<IndexRow>();
        var values = new List<object>();
        foreach (var item in contexts)
        {
            if (item is not ElementNode focus)
            {
                continue;
            }

            group++;
            parts.Clear();
            var complete = true;
            for (var i = 0; i < parameter.Components.Count && complete; i++)
            {
                var component = parameter.Components[i];
                values.Clear();
                var before = parts.Count;
                if (component.Compiled is not null && component.Parameter is { } definition && TryEvaluate(component.Compiled, focus, context, values))
                {
                    var code = ComponentCode(parameter.Code, i);
                    foreach (var value in values)
                    {
                        _writer.Add(parts, code, definition.Type, value, resource);
                    }
                }

                complete = parts.Count > before;
            }

            if (complete)
            {
                rows.AddRange(parts.Select(p => p.InGroup(group)));
            }
        }
    }

    /// <summary>The row code of a composite's component.</summary>
    internal static string ComponentCode(string code, int index) => code + ComponentSeparator + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryEvaluate(FhirPathExpression expression, ElementNode focus, EvaluationContext context, List<object> output)
    {
        try
        {
            expression.Evaluate(focus, context, output);
            return true;
        }
        catch (FhirPathException)
        {
            // A value the expression cannot handle (a malformed date in a comparison, say) leaves the parameter out
            // for this resource rather than failing the write.
            output.Clear();
            return false;
        }
    }

    /// <summary>
    /// What <c>resolve()</c> returns for a reference outside the resource: an empty resource of the referenced type,
    /// which is all that expressions such as <c>subject.where(resolve() is Patient)</c> need.
    /// </summary>
    private ElementNode? Stub(string reference)
    {
        var target = ReferenceText.IsAbsolute(reference)
            ? ReferenceText.Local(reference, _localBases) ?? TailTypeAndId(reference)
            : ReferenceText.TypeAndId(reference);
        return target is var (type, _) ? Stubs.GetOrAdd(type, t => new ElementNode(FhirModel.R4.GetType(t))) : null;
    }

    private static (string, string)? TailTypeAndId(string url)
    {
        var parts = url.Split('/');
        var n = parts.Length >= 4 && parts[^2] == "_history" ? parts.Length - 2 : parts.Length;
        return n >= 2 ? ReferenceText.TypeAndId(parts[n - 2] + "/" + parts[n - 1]) : null;
    }
}
