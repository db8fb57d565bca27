using System.Diagnostics;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Configuration;
using FhirGateway.Search.Diagnostics;
using FhirGateway.Search.Query;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;
using Microsoft.Extensions.Options;

namespace FhirGateway.Search;

/// <summary>
/// Runs FHIR searches (https://hl7.org/fhir/R4/search.html) for the REST layer: parses the request's parameters,
/// runs the store's search and returns a <see cref="SearchOutcome"/> that becomes a searchset Bundle or, when the
/// request is in error, an OperationOutcome for a 400. Thread-safe.
/// </summary>
public sealed class SearchService
{
    private readonly SearchQueryParser _parser;
    private readonly IResourceSearch _store;
    private readonly SearchSettings _settings;
    private readonly TimeProvider _clock;

    /// <summary>Creates the service.</summary>
    public SearchService(SearchParameterRegistry registry, IResourceSearch store, IOptions<SearchSettings> settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        Registry = registry;
        _parser = new SearchQueryParser(registry);
        _store = store;
        _settings = settings.Value;
        _clock = clock;
    }

    /// <summary>The search parameters searches use.</summary>
    public SearchParameterRegistry Registry { get; }

    /// <summary>Parses a request without running it.</summary>
    /// <param name="resourceType">The type searched, or null for a system search.</param>
    /// <param name="parameters">The request's parameters in order (URL and, for POST <c>_search</c>, the form body).</param>
    /// <param name="options">What the REST layer knows about the request.</param>
    public SearchQuery Parse(string? resourceType, IEnumerable<KeyValuePair<string, string>> parameters, SearchOptions? options = null)
    {
        options ??= new SearchOptions();
        return _parser.Parse(resourceType, parameters, new SearchParseOptions
        {
            Strict = options.Strict,
            LocalBaseUrls = LocalBases(options),
            MaxCount = Math.Clamp(_settings.MaxCount, 1, StoreSearchQuery.MaxCount),
            Clock = _clock,
        });
    }

    /// <summary>
    /// Searches: <c>GET [base]/[type]?...</c>, <c>POST [base]/[type]/_search</c>, <c>GET [base]?...</c> (type null), or a
    /// compartment (<see cref="SearchOptions.Compartment"/>). A request with errors is not run: the outcome says
    /// <see cref="SearchOutcome.IsValid"/> false and carries the OperationOutcome for the 400.
    /// </summary>
    public async Task<SearchOutcome> SearchAsync(
        string? resourceType, IEnumerable<KeyValuePair<string, string>> parameters, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.Start(resourceType);
        try
        {
            var outcome = await RunAsync(resourceType, parameters, options, cancellationToken);
            var ignored = outcome.Issues.Count(i => i.Code is SearchIssueCodes.UnknownParameter or SearchIssueCodes.UnsupportedParameter or SearchIssueCodes.UnsupportedModifier);
            SearchTelemetry.Record(activity, resourceType, outcome.IsValid ? "ok" : "invalid", started, ignored);
            return outcome;
        }
        catch
        {
            SearchTelemetry.Record(activity, resourceType, "error", started, 0);
            throw;
        }
    }

    private async Task<SearchOutcome> RunAsync(
        string? resourceType, IEnumerable<KeyValuePair<string, string>> parameters, SearchOptions options, CancellationToken cancellationToken)
    {
        var query = Parse(resourceType, parameters, options);
        if (query.HasErrors)
        {
            return SearchOutcome.Invalid(query, options, _clock.GetUtcNow(), _settings.DefaultCount);
        }

        var criteria = query.Criteria.ToList();
        var types = query.ResourceTypes;
        if (resourceType is null && options.ReadableTypes is { } readable)
        {
            // A system search never returns what the caller may not read, whatever _type asks for.
            types = (types ?? (IEnumerable<string>)readable).Where(readable.Contains).Order(StringComparer.Ordinal).ToList();
        }

        if (options.Compartment is { } compartment)
        {
            if (resourceType is null)
            {
                // GET [base]/Patient/[id]/* (https://hl7.org/fhir/R4/compartmentdefinition.html#search): every type in
                // the compartment (of those _type names), each through its own compartment parameters only.
                (types, var inAny) = CompartmentCriteria(compartment, types);
                if (inAny is null)
                {
                    return SearchOutcome.Empty(query, options, _clock.GetUtcNow(), _settings.DefaultCount);
                }

                criteria.Add(inAny);
            }
            else if (CompartmentCriterion(compartment, resourceType) is { } inCompartment)
            {
                criteria.Add(inCompartment);
            }
            else
            {
                return SearchOutcome.Empty(query, options, _clock.GetUtcNow(), _settings.DefaultCount);
            }
        }

        if (types is { Count: 0 })
        {
            return SearchOutcome.Empty(query, options, _clock.GetUtcNow(), _settings.DefaultCount);
        }

        // _summary=count, and _count=0, ask for the number of matches only.
        var countOnly = query.Summary == SummaryMode.Count || query.Count == 0;
        var page = await (options.Within ?? _store).SearchAsync(new StoreSearchQuery
        {
            ResourceTypes = types,
            Criteria = criteria,
            Sort = query.Sort,
            Count = countOnly ? 0 : Math.Min(query.Count ?? _settings.DefaultCount, StoreSearchQuery.MaxCount),
            Cursor = query.Cursor,
            CountTotal = countOnly || query.Total is TotalMode.Accurate or TotalMode.Estimate,
            Includes = countOnly ? [] : query.Includes,
            MaxIncludes = Math.Max(_settings.MaxIncludes, 0),
            IncludableTypes = options.ReadableTypes,
            IncludeCriteria = IncludeCriteria(query, options),
        }, cancellationToken);

        var issues = query.Issues.ToList();
        if (page.IncludesTruncated)
        {
            issues.Add(new SearchIssue(
                SearchIssueSeverity.Warning, SearchIssueCodes.IncludesTruncated, "_include",
                $"Includes found more than {_settings.MaxIncludes} resources; the rest were left out."));
        }

        return new SearchOutcome(query, options, page, issues, query.Total == TotalMode.None ? null : page.Total, _clock.GetUtcNow())
        {
            DefaultPageSize = _settings.DefaultCount,
        };
    }

    /// <summary>
    /// The types of a compartment among <paramref name="types"/> (null: every type), and the criterion that a resource
    /// of any of them is in the compartment through its own type's parameters; null when none is ever in it.
    /// </summary>
    private (IReadOnlyList<string> Types, SearchCriterion? Criterion) CompartmentCriteria(CompartmentReference compartment, IReadOnlyList<string>? types)
    {
        var inTypes = new List<string>();
        var alternatives = new List<SearchCriterion>();
        foreach (var type in types ?? FhirModel.R4.ResourceTypes.Select(t => t.Name).Order(StringComparer.Ordinal).ToList())
        {
            if (CompartmentCriterion(compartment, type) is { } criterion)
            {
                inTypes.Add(type);
                alternatives.Add(new OfTypesCriterion([type], criterion));
            }
        }

        return (inTypes, alternatives.Count == 0 ? null : new AnyOfCriterion(alternatives));
    }

    /// <summary>
    /// The criterion of a compartment (https://hl7.org/fhir/R4/compartmentdefinition.html): a resource of
    /// <paramref name="resourceType"/> refers to the compartment's resource through any of its type's compartment
    /// parameters (or is that resource); null when resources of the type are never in the compartment.
    /// </summary>
    /// <exception cref="ArgumentException">The compartment is not a Patient compartment (the only one known).</exception>
    public SearchCriterion? CompartmentCriterion(CompartmentReference compartment, string resourceType)
    {
        ArgumentNullException.ThrowIfNull(compartment);
        ArgumentNullException.ThrowIfNull(resourceType);
        if (compartment.ResourceType != CompartmentDefinition.Patient.Code)
        {
            throw new ArgumentException("Only the Patient compartment is supported.", nameof(compartment));
        }

        var alternatives = new List<SearchCriterion>();
        foreach (var parameter in CompartmentDefinition.Patient.ParametersFor(resourceType))
        {
            if (parameter == "{def}")
            {
                alternatives.Add(new IdCriterion([compartment.Id]));
            }
            else if (Registry.TryGet(resourceType, parameter, out var info) && info.Kind == IndexKind.Reference)
            {
                alternatives.Add(new IndexCriterion(parameter, IndexKind.Reference, [new ReferencePredicate(compartment.ResourceType, compartment.Id, null)]));
            }
        }

        if (resourceType == compartment.ResourceType)
        {
            // The compartment's own resource is in its compartment (https://hl7.org/fhir/R4/compartmentdefinition.html).
            alternatives.Add(new IdCriterion([compartment.Id]));
        }

        return alternatives.Count switch
        {
            0 => null,
            1 => alternatives[0],
            _ => new AnyOfCriterion(alternatives),
        };
    }

    /// <summary>The criteria includes must meet per type, from <see cref="SearchOptions.IncludeCriteria"/>; types without any are not restricted.</summary>
    private static Dictionary<string, IReadOnlyList<SearchCriterion>>? IncludeCriteria(SearchQuery query, SearchOptions options)
    {
        if (options.IncludeCriteria is not { } criteriaOf || query.Includes.Count == 0)
        {
            return null;
        }

        var perType = new Dictionary<string, IReadOnlyList<SearchCriterion>>(StringComparer.Ordinal);
        foreach (var type in options.ReadableTypes ?? (IEnumerable<string>)Fhir.Definitions.FhirModel.R4.ResourceTypes.Select(t => t.Name))
        {
            if (criteriaOf(type) is { Count: > 0 } criteria)
            {
                perType[type] = criteria;
            }
        }

        return perType;
    }

    private List<string> LocalBases(SearchOptions options)
    {
        var bases = _settings.LocalBaseUrls.Select(b => b.TrimEnd('/')).ToList();
        if (options.BaseUrl is { Length: > 0 } own)
        {
            bases.Add(own.TrimEnd('/'));
        }

        return bases;
    }
}
