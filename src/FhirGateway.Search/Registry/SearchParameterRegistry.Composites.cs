using System.Text.RegularExpressions;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Indexing;

namespace FhirGateway.Search.Registry;

// Composites answered from other parameters' rows (https://hl7.org/fhir/R4/search.html#composite): a composite
// matches a resource where one occurrence (one result of its expression) has values matching every component.
public sealed partial class SearchParameterRegistry
{
    /// <summary>
    /// A composite whose expression is, on every base type, the resource itself has exactly one occurrence per
    /// resource, so any rows of the resource belong to it. When each component's expression, from the resource, is
    /// exactly the expression of the parameter that defines the component (Observation's <c>code-value-quantity</c>:
    /// <c>code</c> is <c>Observation.code</c>, the <c>code</c> parameter's; <c>value.as(Quantity)</c> makes the rows
    /// of <c>value-quantity</c>), the composite is answered from those parameters' rows
    /// (<see cref="SearchParameterInfo.ComponentRows"/>) and writes none of its own: about a third of an Observation's
    /// index rows repeated those of <c>code</c> and <c>value-quantity</c> (docs/benchmarks.md, issue 4).
    /// </summary>
    private static void ShareRootCompositeRows(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, IEnumerable<SearchParameterInfo> all)
    {
        foreach (var composite in all.Where(p => p.Type == SearchParamType.Composite && p.WritesOwnRows && p.IsSupported && p.Expression is not null))
        {
            List<string>? rows = null;
            foreach (var type in composite.Bases)
            {
                var onType = ComponentRowsOn(byBase, composite, type);
                if (onType is null || (rows is not null && !rows.SequenceEqual(onType, StringComparer.Ordinal)))
                {
                    rows = null;
                    break;
                }

                rows = onType;
            }

            if (rows is not null)
            {
                composite.ComponentRows = rows;
            }
        }
    }

    // The row codes of the components' parameters when the composite is rooted at the resource on this type and each
    // component selects, from the resource, what its parameter does; otherwise null.
    private static List<string>? ComponentRowsOn(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, SearchParameterInfo composite, string type)
    {
        if (!FhirModel.R4.TryGetResourceType(type, out var definition) || definition.IsAbstract ||
            !BranchesOn(composite, type).SetEquals([type]) || !byBase.TryGetValue(type, out var codes))
        {
            return null;
        }

        var rows = new List<string>();
        foreach (var component in composite.Components)
        {
            // The component must be the parameter the type has under that code, and its rows must be written by it
            // (not read from others'); component expressions are compiled as written, so none may use the rewriting
            // of resolve() that indexed expressions get (ForIndexing).
            if (component.Parameter is not { } part || codes.GetValueOrDefault(part.Code) != part || !part.WritesOwnRows || !part.IsSupported ||
                part.Expression is null || ForIndexing(component.Expression) != component.Expression)
            {
                return null;
            }

            var fromRoot = TypeExpressions.Branches(component.Expression).Select(b => type + "." + TypeExpressions.Unwrap(b));
            if (!Writing(fromRoot, part.Type).SetEquals(Writing(BranchesOn(part, type), part.Type)))
            {
                return null;
            }

            rows.Add(part.Code);
        }

        return rows;
    }

    /// <summary>
    /// A composite whose expression is, on every base type, the union of other composites' single branches, with the
    /// same component expressions and types (Observation's <c>combo-code-value-quantity</c>: <c>Observation</c>, as
    /// <c>code-value-quantity</c>, and <c>Observation.component</c>, as <c>component-code-value-quantity</c>), has the
    /// union of their occurrences, so it matches where one of them does: it is answered from their rows
    /// (<see cref="SearchParameterInfo.RowParts"/>) and writes none of its own.
    /// </summary>
    private static void ShareCompositeUnions(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase, IEnumerable<SearchParameterInfo> all)
    {
        var parted = all.Where(p => p.Type == SearchParamType.Composite && p.WritesOwnRows && p.IsSupported && p.Expression is not null)
            .OrderBy(p => p.Url, StringComparer.Ordinal)
            .Select(composite => (Composite: composite, Parts: PartsOnEveryBase(
                byBase,
                composite,
                q => q.Type == SearchParamType.Composite && q.RowParts is null && SameComponents(q, composite),
                (branches, whole) => branches.Count == 1 && branches.IsSubsetOf(whole))))
            .ToList();
        foreach (var (composite, parts) in parted.Where(p => p.Parts is not null))
        {
            composite.RowParts = parts;
        }
    }

    // The same number of components, each with the same expression and a definition of the same type.
    private static bool SameComponents(SearchParameterInfo a, SearchParameterInfo b) =>
        a.Components.Count == b.Components.Count &&
        a.Components.Zip(b.Components).All(p => p.First.Expression == p.Second.Expression && p.First.Parameter?.Type == p.Second.Parameter?.Type);

    /// <summary>
    /// Branches in one spelling (<c>x.as(T)</c> is <c>x as T</c>, https://hl7.org/fhir/R4/fhirpath.html#types), without
    /// those that select only a type the parameter's type makes no rows of (<c>Observation.value as SampledData</c> for
    /// a quantity, <see cref="IndexRowWriter.MakesRows"/>).
    /// </summary>
    private static HashSet<string> Writing(IEnumerable<string> branches, SearchParamType type)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            var spelled = AsFunction().Replace(TypeExpressions.Unwrap(branch), "${path} as ${type}");
            if (AsOperator().Match(spelled) is { Success: true } cast && !IndexRowWriter.MakesRows(type, cast.Groups["type"].Value))
            {
                continue;
            }

            kept.Add(spelled);
        }

        return kept;
    }

    [GeneratedRegex(@"^(?<path>[A-Za-z][A-Za-z0-9.]*)\.as\((?<type>[A-Za-z]+)\)$")]
    private static partial Regex AsFunction();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.]* as (?<type>[A-Za-z]+)$")]
    private static partial Regex AsOperator();
}
