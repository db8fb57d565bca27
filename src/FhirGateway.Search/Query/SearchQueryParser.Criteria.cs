using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

// Search parameters: modifiers (https://hl7.org/fhir/R4/search.html#modifiers), values of each type, chains
// (#chaining) and reverse chains (#has).
public sealed partial class SearchQueryParser
{
    /// <summary>The criterion of one parameter on resources of <paramref name="types"/>; null (with an issue) when it is not used.</summary>
    private SearchCriterion? ParseCriterion(ParseState state, IReadOnlyList<string> types, string name, string value)
    {
        if (name == "_has" || name.StartsWith("_has:", StringComparison.Ordinal))
        {
            return ParseHas(state, types, name, name, value);
        }

        if (name is "_id" or "_lastUpdated" or "_id:not" or "_lastUpdated:missing" or "_id:missing")
        {
            return ParseResourceColumn(state, name, name, value);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ParseSimple(state, types, name, name, value) : ParseChain(state, types, name, name[..dot], name[(dot + 1)..], value);
    }

    /// <summary>
    /// <c>_id</c> and <c>_lastUpdated</c> (<paramref name="name"/>, with a modifier if any): columns of the resource
    /// itself, at the top level or at the end of a chain or <c>_has</c> (<paramref name="whole"/>, the parameter as sent).
    /// </summary>
    private static SearchCriterion? ParseResourceColumn(ParseState state, string whole, string name, string value)
    {
        var values = SearchValues.Split(value, ',').Select(SearchValues.Unescape).ToList();
        switch (name)
        {
            case "_id":
                return new IdCriterion(values);
            case "_id:not":
                return new NotCriterion(new IdCriterion(values));
            case "_lastUpdated":
            {
                var predicates = new List<DatePredicate>();
                foreach (var item in values)
                {
                    if (SearchValues.Date(item, state.Now) is not { } date)
                    {
                        state.Error(SearchIssueCodes.InvalidValue, whole + "=" + value, $"'{item}' is not a date, with or without a prefix.");
                        return null;
                    }

                    predicates.Add(date);
                }

                return new LastUpdatedCriterion(predicates);
            }

            default:
                state.Ignored(SearchIssueCodes.UnsupportedModifier, whole, "Every resource has an id and a lastUpdated; :missing does not apply.");
                return null;
        }
    }

    /// <summary>
    /// <c>_has:[type]:[reference parameter]:[parameter]=[value]</c>, where [parameter] may be another <c>_has</c>
    /// (https://hl7.org/fhir/R4/search.html#has).
    /// </summary>
    private SearchCriterion? ParseHas(ParseState state, IReadOnlyList<string> types, string whole, string name, string value)
    {
        var parts = name.Split(':', 4);
        if (parts.Length < 4 || parts[0] != "_has")
        {
            state.Error(SearchIssueCodes.InvalidValue, whole, "_has is written _has:[resource type]:[reference parameter]:[search parameter].");
            return null;
        }

        var (source, reference, rest) = (parts[1], parts[2], parts[3]);
        if (!FhirModel.R4.TryGetResourceType(source, out _))
        {
            state.Ignored(SearchIssueCodes.UnknownType, whole, $"'{source}' is not a resource type.");
            return null;
        }

        if (!registry.TryGet(source, reference, out var link) || link.Type != SearchParamType.Reference)
        {
            state.Ignored(SearchIssueCodes.UnknownParameter, whole, $"{source} has no reference parameter '{reference}'.");
            return null;
        }

        if (link.Targets.Count > 0 && !types.Any(t => t == "Resource" || link.Targets.Contains(t)))
        {
            state.Ignored(SearchIssueCodes.UnknownParameter, whole, $"{source}.{reference} does not refer to {string.Join(" or ", types)}.");
            return null;
        }

        // Any parameter of the referring type (https://hl7.org/fhir/R4/search.html#has), _id and _lastUpdated
        // included: those are columns of the referring resource, not index rows.
        var restCode = rest.Split(['.', ':'], 2)[0];
        var inner = rest.StartsWith("_has:", StringComparison.Ordinal)
            ? ParseHas(state, [source], whole, rest, value)
            : restCode is "_id" or "_lastUpdated"
                ? ParseResourceColumn(state, whole, rest, value)
                : rest.Contains('.', StringComparison.Ordinal)
                    ? ParseChain(state, [source], whole, rest[..rest.IndexOf('.', StringComparison.Ordinal)], rest[(rest.IndexOf('.', StringComparison.Ordinal) + 1)..], value)
                    : ParseSimple(state, [source], whole, rest, value);
        return inner is null ? null : new ReverseChainCriterion(source, reference, [inner]);
    }

    /// <summary>
    /// A chain <c>[reference parameter](:[type]).[rest]</c> (https://hl7.org/fhir/R4/search.html#chaining): the rest is
    /// searched on the target types that have it.
    /// </summary>
    private SearchCriterion? ParseChain(ParseState state, IReadOnlyList<string> types, string whole, string link, string rest, string value)
    {
        var colon = link.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? link : link[..colon];
        var typeModifier = colon < 0 ? null : link[(colon + 1)..];
        if (Lookup(types, code) is not { Type: SearchParamType.Reference } parameter)
        {
            state.Ignored(SearchIssueCodes.UnknownParameter, whole, $"'{code}' is not a reference parameter of {string.Join(" or ", types)}, so it cannot be chained.");
            return null;
        }

        IReadOnlyList<string> targets;
        if (typeModifier is not null)
        {
            if (!FhirModel.R4.TryGetResourceType(typeModifier, out _) || (parameter.Targets.Count > 0 && !parameter.Targets.Contains(typeModifier)))
            {
                state.Ignored(SearchIssueCodes.UnknownType, whole, $"'{code}' cannot refer to a '{typeModifier}'.");
                return null;
            }

            targets = [typeModifier];
        }
        else
        {
            targets = parameter.Targets.Count > 0 ? parameter.Targets : FhirModel.R4.ResourceTypes.Select(t => t.Name).ToList();
        }

        // The targets that have the next parameter; searching one of several target types is what the type
        // modifier is for, and without it every target type that has the parameter is searched.
        var nextCode = rest.Split(['.', ':'], 2)[0];
        var candidates = nextCode.StartsWith("_has", StringComparison.Ordinal)
            ? targets.ToList()
            : targets.Where(t => nextCode is "_id" or "_lastUpdated" || registry.TryGet(t, nextCode, out _)).ToList();
        if (candidates.Count == 0)
        {
            state.Ignored(SearchIssueCodes.UnknownParameter, whole, $"No type '{code}' refers to has a search parameter '{nextCode}'.");
            return null;
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (nextCode is "_id" or "_lastUpdated" || rest.StartsWith("_has:", StringComparison.Ordinal))
        {
            var other = nextCode is "_id" or "_lastUpdated" ? ParseResourceColumn(state, whole, rest, value) : ParseHas(state, candidates, whole, rest, value);
            return other is null ? null : new ChainCriterion(code, candidates, [other]);
        }

        // Target types whose parameter reads other rows (Patient's name also reads family and given, Organization's
        // phonetic, Location's only its own) are searched apart: one chain per set of rows, any of which may match.
        var chains = new List<SearchCriterion>();
        foreach (var group in candidates.GroupBy(t => RowCodesOf(t, nextCode), StringComparer.Ordinal))
        {
            var sameRows = group.ToList();
            var inner = dot < 0
                ? ParseSimple(state, sameRows, whole, rest, value)
                : ParseChain(state, sameRows, whole, rest[..dot], rest[(dot + 1)..], value);
            if (inner is null)
            {
                return null;
            }

            chains.Add(new ChainCriterion(code, sameRows, [inner]));
        }

        return chains.Count == 1 ? chains[0] : new AnyOfCriterion(chains);
    }

    /// <summary>A parameter with an optional modifier, on resources of <paramref name="types"/>.</summary>
    private SearchCriterion? ParseSimple(ParseState state, IReadOnlyList<string> types, string whole, string name, string value)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? name : name[..colon];
        var modifier = colon < 0 ? null : name[(colon + 1)..];
        var parameter = Lookup(types, code);
        if (parameter is null)
        {
            state.Ignored(SearchIssueCodes.UnknownParameter, whole, $"'{code}' is not a search parameter of {string.Join(" or ", types)}.");
            return null;
        }

        if (!parameter.IsSupported)
        {
            state.Ignored(SearchIssueCodes.UnsupportedParameter, whole, $"'{code}' is not supported.");
            return null;
        }

        if (modifier == "missing")
        {
            return ParseMissing(state, types, whole, parameter, value);
        }

        // The rows a parameter's values are written under (SearchParameterInfo.RowCodes: phonetic reads name's rows,
        // combo-code those of code and component-code, name its own and those of family and given).
        code = parameter.RowCodes[0];
        var values = SearchValues.Split(value, ',');
        var invalid = new List<string>();
        SearchCriterion? criterion = parameter.Type switch
        {
            SearchParamType.String => ParseString(state, whole, code, modifier, values),
            SearchParamType.Token => ParseToken(state, whole, code, modifier, values, invalid),
            SearchParamType.Reference => ParseReference(state, whole, parameter, modifier, values, invalid),
            SearchParamType.Uri => ParseUri(state, whole, code, modifier, values),
            SearchParamType.Composite => NoModifier(state, whole, modifier) ? ParseComposite(state, types, parameter, values, invalid) : null,
            _ => NoModifier(state, whole, modifier) ? ParseOrdered(state, parameter, values, invalid) : null,
        };

        if (invalid.Count > 0)
        {
            state.Error(SearchIssueCodes.InvalidValue, whole + "=" + value, $"Not a valid {parameter.Type.ToString().ToLowerInvariant()} value: {string.Join(", ", invalid.Select(v => "'" + v + "'"))}.");
            return null;
        }

        // A composite's parts are handled where its values are (ParseComposite).
        return parameter.Type == SearchParamType.Composite ? criterion : OverParts(parameter, criterion);
    }

    /// <summary>
    /// A parameter answered from the rows of several parameters (SearchParameterInfo.RowCodes) matches where any of
    /// them does; its <c>:not</c> and <c>:missing=true</c> where none does. <paramref name="criterion"/> was built for
    /// the first part.
    /// </summary>
    private static SearchCriterion? OverParts(SearchParameterInfo parameter, SearchCriterion? criterion)
    {
        var parts = parameter.RowCodes;
        if (criterion is null || parts.Count < 2)
        {
            return criterion;
        }

        return criterion switch
        {
            NotCriterion not => new NotCriterion(Union(not.Criterion)),
            MissingCriterion { Missing: true } missing => new NotCriterion(Union(missing with { Missing = false })),
            _ => Union(criterion),
        };

        SearchCriterion Union(SearchCriterion one) => new AnyOfCriterion(parts.Select(p => Retarget(one, parts[0], p)).ToList());
    }

    // The same criterion on another parameter's rows (suffixed row codes such as :of-type keep their suffix).
    private static SearchCriterion Retarget(SearchCriterion criterion, string from, string to) => criterion switch
    {
        IndexCriterion index => index with { Parameter = to + index.Parameter[from.Length..] },
        MissingCriterion missing => missing with { Parameter = to + missing.Parameter[from.Length..] },
        AnyOfCriterion any => new AnyOfCriterion(any.AnyOf.Select(c => Retarget(c, from, to)).ToList()),
        NotCriterion not => new NotCriterion(Retarget(not.Criterion, from, to)),
        _ => criterion,
    };

    private string RowCodesOf(string type, string code) =>
        registry.TryGet(type, code, out var parameter) ? string.Join('+', parameter.RowCodes) : string.Empty;

    /// <summary>
    /// The parameter of that code the types all have (the first one's definition), read from the same rows on each, or
    /// null. Where one type's parameter also reads the rows of parts it covers (Patient's name: family, given) and
    /// another's does not (Location's name), the parameter reads all those rows: a type without a parameter of a
    /// part's code has no rows of it.
    /// </summary>
    private SearchParameterInfo? Lookup(IReadOnlyList<string> types, string code)
    {
        SearchParameterInfo? found = null;
        List<string>? codes = null;
        foreach (var type in types)
        {
            if (!registry.TryGet(type, code, out var parameter) || (found is not null && found.Type != parameter.Type))
            {
                return null;
            }

            if (found is null)
            {
                found = parameter;
                continue;
            }

            if (found.RowCodes.SequenceEqual(parameter.RowCodes, StringComparer.Ordinal))
            {
                continue;
            }

            if (found.RowCode != parameter.RowCode || found.RowParts is not null || parameter.RowParts is not null || found.ComponentRows is not null || parameter.ComponentRows is not null)
            {
                return null;
            }

            codes ??= [.. found.RowCodes];
            codes.AddRange(parameter.RowCodes.Where(c => !codes.Contains(c, StringComparer.Ordinal)));
        }

        if (found is null || codes is null)
        {
            return found;
        }

        foreach (var type in types)
        {
            registry.TryGet(type, code, out var own);
            if (codes.Any(c => !own!.RowCodes.Contains(c, StringComparer.Ordinal) && registry.For(type).Any(p => p.WritesOwnRows && p.Code == c)))
            {
                return null;
            }
        }

        return found.WithCoveredParts(codes.Skip(1).ToList());
    }

    private static bool NoModifier(ParseState state, string whole, string? modifier)
    {
        if (modifier is null)
        {
            return true;
        }

        state.Ignored(SearchIssueCodes.UnsupportedModifier, whole, $"The modifier ':{modifier}' does not apply to this parameter.");
        return false;
    }

    // https://hl7.org/fhir/R4/search.html#missing
    private SearchCriterion? ParseMissing(ParseState state, IReadOnlyList<string> types, string whole, SearchParameterInfo parameter, string value)
    {
        if (value is not ("true" or "false"))
        {
            state.Error(SearchIssueCodes.InvalidValue, whole + "=" + value, ":missing takes true or false.");
            return null;
        }

        if (parameter.Type == SearchParamType.Composite)
        {
            var present = CompositePresent(types, parameter);
            return value == "false" ? present : present switch
            {
                MissingCriterion missing => missing with { Missing = true },
                NotCriterion not => not.Criterion,
                _ => new NotCriterion(present),
            };
        }

        return OverParts(parameter, new MissingCriterion(parameter.RowCodes[0], parameter.Kind!.Value, value == "true"));
    }

    /// <summary>
    /// A composite has a value where one of its holders has a complete occurrence: rows of its first component (written
    /// only for complete occurrences), or, for one read from its components' parameters, rows of each of them.
    /// </summary>
    private SearchCriterion CompositePresent(IReadOnlyList<string> types, SearchParameterInfo parameter)
    {
        var holders = CompositeHolders(types, parameter).Select(holder => holder.ComponentRows is { } rows
            ? new NotCriterion(new AnyOfCriterion(rows.Select((code, i) => (SearchCriterion)new MissingCriterion(code, parameter.Components[i].Parameter!.Kind!.Value, Missing: true)).ToList()))
            : (SearchCriterion)new MissingCriterion(SearchIndexer.ComponentCode(holder.Code, 0), parameter.Components[0].Parameter!.Kind!.Value, Missing: false)).ToList();
        return holders.Count == 1 ? holders[0] : new AnyOfCriterion(holders);
    }
}
