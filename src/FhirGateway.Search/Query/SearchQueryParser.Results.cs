using System.Globalization;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

// The result parameters (https://hl7.org/fhir/R4/search.html#return) and the other parameters that start with '_'.
public sealed partial class SearchQueryParser
{
    /// <summary>Handles a parameter starting with <c>_</c> that is not a search parameter; false for those that are (<c>_id</c>, <c>_tag</c>, <c>_has</c>...).</summary>
    private bool ParseResultParameter(ParseState state, string? resourceType, string name, string value)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var baseName = colon < 0 ? name : name[..colon];
        var modifier = colon < 0 ? null : name[(colon + 1)..];
        if (modifier is not null && baseName is "_count" or "_sort" or "_summary" or "_elements" or "_total" or "_cursor")
        {
            state.Ignored(SearchIssueCodes.UnsupportedModifier, name, $"{baseName} takes no modifier.");
            return true;
        }

        switch (baseName)
        {
            case "_count":
                ParseCount(state, name, value);
                return true;
            case "_sort":
                ParseSort(state, name, value);
                return true;
            case "_summary":
                ParseSummary(state, name, value);
                return true;
            case "_elements":
                ParseElements(state, resourceType, name, value);
                return true;
            case "_total":
                ParseTotal(state, name, value);
                return true;
            case "_include" or "_revinclude":
                ParseInclude(state, name, modifier, value, baseName == "_revinclude");
                return true;
            case "_cursor":
                if (SearchCursor.TryParse(value, out var cursor))
                {
                    state.Cursor = cursor;
                }
                else
                {
                    state.Error(SearchIssueCodes.InvalidCursor, name, "The cursor is not one this server gave out.");
                }

                return true;
            case "_format" or "_pretty":
                // Formats are the REST layer's; kept in the links so every page comes in the same format.
                state.Used.Add(new(name, value));
                return true;
            case "_contained":
                if (value != "false")
                {
                    state.Ignored(SearchIssueCodes.UnsupportedParameter, name + "=" + value, "Searching contained resources is not supported.");
                }

                return true;
            case "_containedType" or "_text" or "_content" or "_list" or "_query" or "_filter":
                state.Ignored(SearchIssueCodes.UnsupportedParameter, name, $"{baseName} is not supported.");
                return true;
            default:
                return false;
        }
    }

    private static void ParseCount(ParseState state, string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            state.Error(SearchIssueCodes.InvalidValue, name + "=" + value, "_count must be a whole number of zero or more.");
            return;
        }

        if (count > state.Options.MaxCount)
        {
            state.Information(SearchIssueCodes.CountCapped, name + "=" + value, $"Pages hold at most {state.Options.MaxCount} resources.");
            count = state.Options.MaxCount;
        }

        state.Count = count;
    }

    // https://hl7.org/fhir/R4/search.html#sort: a comma-separated list, '-' for descending.
    private void ParseSort(ParseState state, string name, string value)
    {
        var keys = new List<SearchSortKey>();
        foreach (var item in SearchValues.Split(value, ',').Select(SearchValues.Unescape).Where(i => i.Length > 0))
        {
            var descending = item[0] == '-';
            var code = descending ? item[1..] : item;
            if (code == "_id")
            {
                keys.Add(SearchSortKey.ById(descending));
            }
            else if (code == "_lastUpdated")
            {
                keys.Add(SearchSortKey.ByLastUpdated(descending));
            }
            else if (Lookup(state.Types ?? ["Resource"], code) is { Kind: { } kind } parameter)
            {
                keys.Add(SearchSortKey.ByParameters(parameter.RowCodes, kind, descending));
            }
            else
            {
                state.Ignored(SearchIssueCodes.UnknownParameter, name + "=" + item, $"Cannot sort by '{code}': it is not a search parameter of the type with a single value type.");
            }
        }

        if (keys.Count > 0)
        {
            state.Sort = keys;
            state.Used.Add(new(name, value));
        }
    }

    private static void ParseSummary(ParseState state, string name, string value)
    {
        var mode = ResultParameterValues.Summary(value);
        if (mode is null)
        {
            state.Error(SearchIssueCodes.InvalidValue, name + "=" + value, "_summary must be true, false, text, data or count.");
            return;
        }

        state.Summary = mode.Value;
        state.Used.Add(new(name, value));
    }

    // https://hl7.org/fhir/R4/search.html#elements: top-level element names (choice elements without their type).
    private static void ParseElements(ParseState state, string? resourceType, string name, string value)
    {
        var elements = new List<string>();
        var type = resourceType is null ? null : FhirModel.R4.FindType(resourceType);
        foreach (var element in ResultParameterValues.Elements(value))
        {
            if (ResultParameterValues.IsElementOf(type, element))
            {
                elements.Add(element);
            }
            else
            {
                state.Ignored(SearchIssueCodes.InvalidValue, name + "=" + element, $"{resourceType} has no element '{element}'.");
            }
        }

        if (elements.Count > 0)
        {
            state.Elements = elements;
            state.Used.Add(new(name, value));
        }
    }

    private static void ParseTotal(ParseState state, string name, string value)
    {
        TotalMode? mode = value switch
        {
            "none" => TotalMode.None,
            "estimate" => TotalMode.Estimate,
            "accurate" => TotalMode.Accurate,
            _ => null,
        };
        if (mode is null)
        {
            state.Error(SearchIssueCodes.InvalidValue, name + "=" + value, "_total must be none, estimate or accurate.");
            return;
        }

        state.Total = mode.Value;
        state.Used.Add(new(name, value));
    }

    // https://hl7.org/fhir/R4/search.html#include: [source type]:[parameter](:[target type]), or *; :iterate.
    private void ParseInclude(ParseState state, string name, string? modifier, string value, bool reverse)
    {
        var iterate = modifier is "iterate" or "recurse";
        if (modifier is not null && !iterate)
        {
            state.Ignored(SearchIssueCodes.UnsupportedModifier, name, $"{(reverse ? "_revinclude" : "_include")} takes only :iterate.");
            return;
        }

        if (value == "*")
        {
            state.Includes.Add(new IncludeSpec(reverse, null, null, null, iterate, reverse ? ReferenceSources(null) : null));
            state.Used.Add(new(name, value));
            return;
        }

        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || !FhirModel.R4.TryGetResourceType(parts[0], out _))
        {
            state.Ignored(SearchIssueCodes.InvalidValue, name + "=" + value, "An include is [resource type]:[search parameter] or [resource type]:[search parameter]:[target type].");
            return;
        }

        string? target = null;
        if (parts.Length == 3)
        {
            if (!FhirModel.R4.TryGetResourceType(parts[2], out _))
            {
                state.Ignored(SearchIssueCodes.UnknownType, name + "=" + value, $"'{parts[2]}' is not a resource type.");
                return;
            }

            target = parts[2];
        }

        string? parameter = null;
        IReadOnlyList<string> targets = [];
        if (parts[1] != "*")
        {
            if (!registry.TryGet(parts[0], parts[1], out var info) || info.Type != SearchParamType.Reference)
            {
                state.Ignored(SearchIssueCodes.UnknownParameter, name + "=" + value, $"{parts[0]} has no reference parameter '{parts[1]}'.");
                return;
            }

            parameter = parts[1];
            targets = info.Targets;
        }

        if (Unreachable(state, reverse, iterate, parts[0], target, targets) is { } why)
        {
            state.Ignored(SearchIssueCodes.UnsupportedParameter, name + "=" + value, why);
            return;
        }

        state.Includes.Add(new IncludeSpec(reverse, parts[0], parameter, target, iterate, reverse && parameter is null ? ReferenceSources(parts[0]) : null));
        state.Used.Add(new(name, value));
    }

    /// <summary>
    /// Why an include can add nothing to this search's matches, or null when it can: an _include's source type must
    /// be searched, a _revinclude's parameter must be able to refer to a type searched, and a target type must be
    /// one the parameter refers to. :iterate applies to included resources too, so only its target type is checked.
    /// Such an include is reported as not used (https://hl7.org/fhir/R4/search.html#errors) rather than silently kept.
    /// </summary>
    private static string? Unreachable(ParseState state, bool reverse, bool iterate, string source, string? target, IReadOnlyList<string> targets)
    {
        if (target is not null && targets.Count > 0 && !targets.Contains(target))
        {
            return $"The parameter cannot refer to a {target}.";
        }

        if (iterate || state.Types is not { } searched)
        {
            return null;
        }

        if (!reverse && !searched.Contains(source))
        {
            return $"Its source type {source} is not searched here, so it has nothing to include from (:iterate applies it to included resources).";
        }

        var referred = target is null ? targets : [target];
        return reverse && referred.Count > 0 && !searched.Any(referred.Contains)
            ? $"The parameter cannot refer to a type searched here ({string.Join(", ", searched)})."
            : null;
    }

    /// <summary>
    /// The reference parameters a reverse wildcard stands for: those of <paramref name="sourceType"/>, or of every
    /// resource type (the store finds referring rows by type, parameter and target, IncludeSpec.Sources).
    /// </summary>
    private IReadOnlyList<IncludeSource> ReferenceSources(string? sourceType) =>
        sourceType is null
            ? _allReferenceSources ??= FhirModel.R4.ResourceTypes.SelectMany(t => ReferencesOf(t.Name)).ToList()
            : ReferencesOf(sourceType).ToList();

    private IEnumerable<IncludeSource> ReferencesOf(string type) =>
        registry.For(type).Where(p => p.Type == SearchParamType.Reference && p.IsSupported).Select(p => new IncludeSource(type, p.RowCode, p.Targets));
}
