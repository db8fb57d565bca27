using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

/// <summary>
/// Parses the parameters of a search request (https://hl7.org/fhir/R4/search.html) into a <see cref="SearchQuery"/>:
/// search parameters of the type (with modifiers, prefixes, chains and <c>_has</c>) become criteria on index rows,
/// result parameters shape the page. Every problem is reported, none stops the parse: unknown and unsupported
/// parameters are ignored with a warning, or errors in strict handling; malformed values are always errors.
/// </summary>
public sealed partial class SearchQueryParser(SearchParameterRegistry registry)
{
    /// <summary>The most search parameters one request may use.</summary>
    public const int MaxCriteria = 64;

    /// <summary>The most comma-separated values one parameter may have.</summary>
    public const int MaxValues = 500;

    /// <summary>The most links a chain or nested <c>_has</c> may have.</summary>
    public const int MaxDepth = 4;

    // Every reference parameter of every resource type, for _revinclude=* (ReferenceSources); built once, on first use
    // (two threads building it at once build the same list).
    private IReadOnlyList<IncludeSource>? _allReferenceSources;

    /// <summary>Parses a request.</summary>
    /// <param name="resourceType">The type searched, or null for a system search (<c>[base]?...</c>).</param>
    /// <param name="parameters">The request's parameters in order: the URL's and, for POST, the form body's.</param>
    /// <param name="options">Strict handling, local bases and limits.</param>
    public SearchQuery Parse(string? resourceType, IEnumerable<KeyValuePair<string, string>> parameters, SearchParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (resourceType is not null && !FhirModel.R4.TryGetResourceType(resourceType, out _))
        {
            throw new ArgumentException($"'{resourceType}' is not an R4 resource type.", nameof(resourceType));
        }

        var list = parameters.ToList();
        var state = new ParseState(options ?? new SearchParseOptions());
        state.Types = resourceType is null ? ParseTypes(state, list) : [resourceType];
        foreach (var (name, value) in list)
        {
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            if (name == "_type")
            {
                // https://hl7.org/fhir/R4/search.html#type: _type chooses the types of a search across types (system
                // and whole-compartment searches); a search of one type does not use it.
                if (resourceType is not null)
                {
                    state.Ignored(SearchIssueCodes.UnsupportedParameter, name + "=" + value, $"_type applies to searches across types; this search is of {resourceType} only.");
                }

                continue;
            }

            if (name.StartsWith('_') && ParseResultParameter(state, resourceType, name, value))
            {
                continue;
            }

            if (value.Length == 0)
            {
                // https://hl7.org/fhir/R4/search.html#errors: a parameter without a value is ignored.
                continue;
            }

            if (state.Criteria.Count == MaxCriteria)
            {
                state.Error(SearchIssueCodes.TooCostly, name, $"A search takes at most {MaxCriteria} search parameters.");
                break;
            }

            if (SearchValues.Split(value, ',').Count > MaxValues)
            {
                state.Error(SearchIssueCodes.TooCostly, name, $"A search parameter takes at most {MaxValues} values.");
                continue;
            }

            if (name.Count(c => c == '.') + (name.Length - name.Replace("_has:", string.Empty, StringComparison.Ordinal).Length) / 5 > MaxDepth)
            {
                state.Error(SearchIssueCodes.TooCostly, name, $"Chains and _has take at most {MaxDepth} links.");
                continue;
            }

            if (ParseCriterion(state, state.Types is { Count: > 0 } types ? types : ["Resource"], name, value) is { } criterion)
            {
                state.Cost += SearchCost.Of(criterion);
                if (state.Cost > SearchCost.Max)
                {
                    state.Error(SearchIssueCodes.TooCostly, name,
                        $"A search makes at most {SearchCost.Max} comparisons: each value counts once for every target type of a chain and every parameter whose values it is compared with.");
                    break;
                }

                state.Criteria.Add(criterion);
                state.Used.Add(new(name, value));
            }
        }

        if (state.Cursor is { } cursor && !cursor.Fits(state.Sort))
        {
            state.Error(SearchIssueCodes.InvalidCursor, "_cursor", "The cursor belongs to a search with another _sort.");
            state.Cursor = null;
        }

        return new SearchQuery
        {
            ResourceType = resourceType,
            ResourceTypes = state.Types,
            Criteria = state.Criteria,
            Sort = state.Sort,
            Count = state.Count,
            Cursor = state.Cursor,
            Summary = state.Summary,
            Elements = state.Elements,
            Total = state.Total,
            Includes = state.Includes,
            Used = state.Used,
            Issues = state.Issues,
        };
    }

    /// <summary><c>_type</c> of a system search: the types searched (null for every type).</summary>
    private static List<string>? ParseTypes(ParseState state, List<KeyValuePair<string, string>> parameters)
    {
        List<string>? types = null;
        var named = false;
        foreach (var (name, value) in parameters.Where(p => p.Key == "_type"))
        {
            var found = new List<string>();
            foreach (var type in SearchValues.Split(value, ',').Select(SearchValues.Unescape).Where(t => t.Length > 0))
            {
                if (FhirModel.R4.TryGetResourceType(type, out _))
                {
                    found.Add(type);
                }
                else
                {
                    state.Error(SearchIssueCodes.UnknownType, name + "=" + value, $"'{type}' is not a resource type.");
                }
            }

            // Repeated _type parameters must all hold: the types in every one of them.
            named |= found.Count > 0;
            types = types is null ? found : types.Intersect(found).ToList();
            state.Used.Add(new(name, value));
        }

        // No type named at all (_type= with no value) restricts nothing; types named in parameters that share none
        // leave nothing to search (an empty list, which the search answers with no matches).
        return types is null || (types.Count == 0 && !named) ? null : types.Distinct().ToList();
    }

    /// <summary>The mutable state of one parse.</summary>
    private sealed class ParseState(SearchParseOptions options)
    {
        public SearchParseOptions Options { get; } = options;

        public List<string>? Types { get; set; }

        public List<SearchCriterion> Criteria { get; } = [];

        /// <summary>The comparisons of the criteria so far (<see cref="SearchCost"/>).</summary>
        public int Cost { get; set; }

        public List<SearchSortKey> Sort { get; set; } = [];

        public int? Count { get; set; }

        public SearchCursor? Cursor { get; set; }

        public SummaryMode Summary { get; set; }

        public List<string>? Elements { get; set; }

        public TotalMode Total { get; set; }

        public List<IncludeSpec> Includes { get; } = [];

        public List<KeyValuePair<string, string>> Used { get; } = [];

        public List<SearchIssue> Issues { get; } = [];

        public DateTimeOffset Now => Options.Clock.GetUtcNow();

        /// <summary>An unknown or unsupported parameter: ignored with a warning, or an error in strict handling.</summary>
        public void Ignored(string code, string parameter, string message) =>
            Issues.Add(new SearchIssue(Options.Strict ? SearchIssueSeverity.Error : SearchIssueSeverity.Warning, code, parameter,
                Options.Strict ? message : message + " It was ignored."));

        public void Error(string code, string parameter, string message) => Issues.Add(new SearchIssue(SearchIssueSeverity.Error, code, parameter, message));

        public void Information(string code, string parameter, string message) => Issues.Add(new SearchIssue(SearchIssueSeverity.Information, code, parameter, message));
    }
}
