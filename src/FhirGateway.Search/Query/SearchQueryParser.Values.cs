using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

// The values of each parameter type (https://hl7.org/fhir/R4/search.html#ptypes) and their modifiers.
public sealed partial class SearchQueryParser
{
    // https://hl7.org/fhir/R4/search.html#string: starts with (case and accent insensitive), :exact, :contains.
    private static IndexCriterion? ParseString(ParseState state, string whole, string code, string? modifier, List<string> values)
    {
        if (modifier is not (null or "exact" or "contains"))
        {
            state.Ignored(SearchIssueCodes.UnsupportedModifier, whole, $"String parameters take :exact, :contains or :missing, not ':{modifier}'.");
            return null;
        }

        var predicates = values.Select(SearchValues.Unescape).Where(v => v.Length > 0).Select(v => (IndexPredicate)(modifier switch
        {
            "exact" => new StringPredicate(StringMatch.Exact, v, TextFolding.Normalize(v)),
            "contains" => new StringPredicate(StringMatch.Contains, TextFolding.Normalize(v)),
            _ => new StringPredicate(StringMatch.StartsWith, TextFolding.Normalize(v)),
        })).ToList();
        return predicates.Count == 0 ? null : new IndexCriterion(code, IndexKind.String, predicates);
    }

    // https://hl7.org/fhir/R4/search.html#token: system|code forms, :not, :text, :of-type.
    private static SearchCriterion? ParseToken(ParseState state, string whole, string code, string? modifier, List<string> values, List<string> invalid)
    {
        switch (modifier)
        {
            case null or "not":
            {
                var predicates = new List<IndexPredicate>();
                foreach (var value in values)
                {
                    if (SearchValues.Token(value) is { } token)
                    {
                        predicates.Add(token);
                    }
                    else
                    {
                        invalid.Add(value);
                    }
                }

                var criterion = new IndexCriterion(code, IndexKind.Token, predicates);
                return modifier is null ? criterion : new NotCriterion(criterion);
            }

            case "text":
                return new IndexCriterion(code, IndexKind.Token, values.Select(v => (IndexPredicate)new StringPredicate(StringMatch.StartsWith, TextFolding.Normalize(SearchValues.Unescape(v)))).ToList());

            case "of-type":
            {
                var predicates = new List<IndexPredicate>();
                foreach (var value in values)
                {
                    var parts = SearchValues.Split(value, '|');
                    if (parts.Count != 3 || parts.Any(p => p.Length == 0))
                    {
                        invalid.Add(value);
                        continue;
                    }

                    predicates.Add(new TokenPredicate(
                        TokenSystemMatch.Equals, SearchValues.Unescape(parts[0]), SearchValues.Unescape(parts[1]) + "|" + SearchValues.Unescape(parts[2])));
                }

                return new IndexCriterion(code + IndexRowWriter.OfTypeSuffix, IndexKind.Token, predicates);
            }

            default:
                state.Ignored(
                    SearchIssueCodes.UnsupportedModifier, whole,
                    modifier is "in" or "not-in" or "above" or "below"
                        ? $"':{modifier}' needs a terminology service, which the gateway does not have."
                        : $"Token parameters take :not, :text, :of-type or :missing, not ':{modifier}'.");
                return null;
        }
    }

    // https://hl7.org/fhir/R4/search.html#reference: [id], [type]/[id], [url]; :[type], :identifier.
    private SearchCriterion? ParseReference(ParseState state, string whole, SearchParameterInfo parameter, string? modifier, List<string> values, List<string> invalid)
    {
        if (modifier == "identifier")
        {
            var tokens = new List<IndexPredicate>();
            foreach (var value in values)
            {
                if (SearchValues.Token(value) is { } token)
                {
                    tokens.Add(token);
                }
                else
                {
                    invalid.Add(value);
                }
            }

            return new IndexCriterion(parameter.Code + IndexRowWriter.IdentifierSuffix, IndexKind.Token, tokens);
        }

        string? typeModifier = null;
        if (modifier is not null)
        {
            if (!FhirModel.R4.TryGetResourceType(modifier, out _) || (parameter.Targets.Count > 0 && !parameter.Targets.Contains(modifier)))
            {
                state.Ignored(
                    SearchIssueCodes.UnsupportedModifier, whole,
                    modifier is "above" or "below" ? $"':{modifier}' on references is not supported." : $"'{parameter.Code}' cannot refer to a '{modifier}'.");
                return null;
            }

            typeModifier = modifier;
        }

        var predicates = new List<IndexPredicate>();
        foreach (var raw in values)
        {
            var value = SearchValues.Unescape(raw);
            if (value.Length == 0)
            {
                invalid.Add(raw);
            }
            else if (value[0] == '#')
            {
                // A reference to a contained resource is indexed by its local URL (IndexRowWriter), never by an id.
                predicates.Add(new ReferencePredicate(null, null, value));
            }
            else if (ReferenceText.IsAbsolute(value))
            {
                predicates.Add(ReferenceText.Local(value, state.Options.LocalBaseUrls) is var (type, id)
                    ? new ReferencePredicate(type, id, null)
                    : new ReferencePredicate(null, null, value));
            }
            else if (value.Contains('/', StringComparison.Ordinal))
            {
                if (ReferenceText.TypeAndId(value) is var (type, id) && (typeModifier is null || typeModifier == type))
                {
                    predicates.Add(new ReferencePredicate(type, id, null));
                }
                else
                {
                    invalid.Add(raw);
                }
            }
            else
            {
                var type = typeModifier ?? (parameter.Targets.Count == 1 ? parameter.Targets[0] : null);
                predicates.Add(new ReferencePredicate(type, value, null));
            }
        }

        return new IndexCriterion(parameter.Code, IndexKind.Reference, predicates);
    }

    // https://hl7.org/fhir/R4/search.html#uri: equal, :below (starts with), :above (a prefix of the value).
    private static IndexCriterion? ParseUri(ParseState state, string whole, string code, string? modifier, List<string> values)
    {
        if (modifier is not (null or "below" or "above"))
        {
            state.Ignored(SearchIssueCodes.UnsupportedModifier, whole, $"Uri parameters take :below, :above or :missing, not ':{modifier}'.");
            return null;
        }

        var predicates = new List<IndexPredicate>();
        foreach (var value in values.Select(SearchValues.Unescape).Where(v => v.Length > 0))
        {
            if (modifier == "above")
            {
                predicates.AddRange(UriParents(value).Select(u => new UriPredicate(u)));
            }
            else
            {
                predicates.Add(new UriPredicate(value, modifier == "below"));
            }
        }

        return predicates.Count == 0 ? null : new IndexCriterion(code, IndexKind.Uri, predicates);
    }

    /// <summary>The URI and each of its parents, cut at each '/' of its path.</summary>
    private static IEnumerable<string> UriParents(string uri)
    {
        yield return uri;
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var root = scheme < 0 ? 0 : uri.IndexOf('/', scheme + 3);
        for (var at = uri.LastIndexOf('/'); root >= 0 && at > root; at = uri.LastIndexOf('/', at - 1))
        {
            yield return uri[..at];
        }
    }

    // Date, number and quantity: a prefix and a value (https://hl7.org/fhir/R4/search.html#prefix). Quantities in UCUM
    // units compare with the rows in canonical units, the others with the values as recorded (#quantity); a parameter
    // with both kinds of values matches where either does.
    private static SearchCriterion ParseOrdered(ParseState state, SearchParameterInfo parameter, List<string> values, List<string> invalid)
    {
        var recorded = new List<IndexPredicate>();
        var canonical = new List<IndexPredicate>();
        foreach (var value in values)
        {
            var (predicate, inCanonical) = ParseOrderedValue(state, parameter.Type, value);
            if (predicate is null)
            {
                invalid.Add(value);
            }
            else
            {
                (inCanonical ? canonical : recorded).Add(predicate);
            }
        }

        var code = parameter.RowCodes[0];
        var kind = parameter.Kind!.Value;
        if (canonical.Count == 0)
        {
            return new IndexCriterion(code, kind, recorded);
        }

        var inCanonicalUnits = new IndexCriterion(code + IndexRowWriter.CanonicalSuffix, kind, canonical);
        return recorded.Count == 0 ? inCanonicalUnits : new AnyOfCriterion([new IndexCriterion(code, kind, recorded), inCanonicalUnits]);
    }

    /// <summary>An ordered value, and whether it compares with the rows in canonical units (a quantity in UCUM units).</summary>
    private static (IndexPredicate? Predicate, bool Canonical) ParseOrderedValue(ParseState state, SearchParamType type, string value)
    {
        switch (type)
        {
            case SearchParamType.Date:
                return (SearchValues.Date(SearchValues.Unescape(value), state.Now), false);
            case SearchParamType.Number:
                return (SearchValues.Number(SearchValues.Unescape(value)), false);
            case SearchParamType.Quantity:
                var quantity = SearchValues.Quantity(value, out var canonical);
                return (quantity, canonical);
            default:
                return (null, false);
        }
    }

    // https://hl7.org/fhir/R4/search.html#composite: components separated by '$', each of its component's type. The
    // rows read are those of the composite that holds them (CompositeHolders): its own, grouped by occurrence, or its
    // components' parameters' rows for one rooted at the resource; a union of composites matches where one of them does.
    // A quantity component in UCUM units reads the component's rows in canonical units.
    private SearchCriterion ParseComposite(ParseState state, IReadOnlyList<string> types, SearchParameterInfo parameter, List<string> values, List<string> invalid)
    {
        var alternatives = new List<IReadOnlyList<(IndexPredicate Predicate, bool Canonical)>>();
        foreach (var value in values)
        {
            var parts = SearchValues.Split(value, '$');
            if (parts.Count != parameter.Components.Count)
            {
                invalid.Add(value);
                continue;
            }

            var predicates = new List<(IndexPredicate Predicate, bool Canonical)>();
            for (var i = 0; i < parts.Count; i++)
            {
                var definition = parameter.Components[i].Parameter!;
                var (predicate, canonical) = definition.Type switch
                {
                    SearchParamType.Token => (SearchValues.Token(parts[i]), false),
                    SearchParamType.String => (new StringPredicate(StringMatch.StartsWith, TextFolding.Normalize(SearchValues.Unescape(parts[i]))), false),
                    SearchParamType.Reference => (ReferenceText.TypeAndId(SearchValues.Unescape(parts[i])) is var (type, id)
                        ? new ReferencePredicate(type, id, null)
                        : new ReferencePredicate(null, SearchValues.Unescape(parts[i]), null), false),
                    SearchParamType.Uri => (new UriPredicate(SearchValues.Unescape(parts[i])), false),
                    _ => ParseOrderedValue(state, definition.Type, parts[i]),
                };
                if (predicate is null)
                {
                    invalid.Add(value);
                    break;
                }

                predicates.Add((predicate, canonical));
            }

            if (predicates.Count == parts.Count)
            {
                alternatives.Add(predicates);
            }
        }

        var criteria = CompositeHolders(types, parameter)
            .Select(holder => new CompositeCriterion(
                alternatives.Select(a => (IReadOnlyList<CompositeComponent>)a.Select((p, i) => ComponentOf(holder, i, p.Predicate, p.Canonical)).ToList()).ToList(),
                SameOccurrence: holder.ComponentRows is null))
            .ToList<SearchCriterion>();
        return criteria.Count == 1 ? criteria[0] : new AnyOfCriterion(criteria);

        CompositeComponent ComponentOf(SearchParameterInfo holder, int i, IndexPredicate predicate, bool canonical) =>
            new(ComponentRowCode(holder, i) + (canonical ? IndexRowWriter.CanonicalSuffix : string.Empty), parameter.Components[i].Parameter!.Kind!.Value, predicate);
    }

    /// <summary>The composites whose rows answer <paramref name="parameter"/>: the composites of its union, or itself.</summary>
    private List<SearchParameterInfo> CompositeHolders(IReadOnlyList<string> types, SearchParameterInfo parameter) =>
        parameter.RowParts is { } parts
            ? parts.Select(code => registry.TryGet(types[0], code, out var part) ? part : throw new InvalidOperationException($"{types[0]} has no {code}.")).ToList()
            : [parameter];

    /// <summary>The row code of a composite's component: its own grouped rows, or its component parameter's rows.</summary>
    private static string ComponentRowCode(SearchParameterInfo holder, int index) =>
        holder.ComponentRows is { } rows ? rows[index] : SearchIndexer.ComponentCode(holder.Code, index);
}
