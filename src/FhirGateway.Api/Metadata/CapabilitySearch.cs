using System.Runtime.CompilerServices;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search.Registry;

namespace FhirGateway.Api.Metadata;

/// <summary>
/// The search part of the CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam):
/// per type every parameter the registry serves that searches can use, the includes its reference parameters allow
/// and the reverse includes other types' reference parameters allow. Worked out once per registry.
/// </summary>
internal sealed class CapabilitySearch
{
    private static readonly ConditionalWeakTable<SearchParameterRegistry, CapabilitySearch> Cache = new();

    private readonly Dictionary<string, IReadOnlyList<SearchParameterInfo>> _parameters;
    private readonly Dictionary<string, List<string>> _includes;
    private readonly Dictionary<string, List<string>> _revIncludes;

    private CapabilitySearch(SearchParameterRegistry registry)
    {
        _parameters = new(StringComparer.Ordinal);
        _includes = new(StringComparer.Ordinal);
        _revIncludes = new(StringComparer.Ordinal);
        var types = FhirModel.R4.ResourceTypes.Select(t => t.Name).ToList();
        foreach (var type in types)
        {
            _parameters[type] = Supported(registry, type);
            _includes[type] = [];
            _revIncludes[type] = [];
        }

        foreach (var type in types)
        {
            foreach (var parameter in _parameters[type].Where(p => p.Type == SearchParamType.Reference))
            {
                _includes[type].Add($"{type}:{parameter.Code}");
                foreach (var target in parameter.Targets.Distinct(StringComparer.Ordinal))
                {
                    if (_revIncludes.TryGetValue(target, out var list))
                    {
                        list.Add($"{type}:{parameter.Code}");
                    }
                }
            }
        }

        Common = Supported(registry, "Resource");
    }

    /// <summary>The parameters every resource has (those of Resource), for the system level.</summary>
    public IReadOnlyList<SearchParameterInfo> Common { get; }

    public static CapabilitySearch For(SearchParameterRegistry registry) => Cache.GetValue(registry, r => new CapabilitySearch(r));

    /// <summary>The parameters of <paramref name="resourceType"/> that searches use, by code: what the CapabilityStatement lists.</summary>
    public static IReadOnlyList<SearchParameterInfo> Supported(SearchParameterRegistry registry, string resourceType) =>
        registry.For(resourceType).Where(p => p.IsSupported).ToList();

    /// <summary>Adds searchInclude, searchRevInclude and searchParam to a <c>rest.resource</c>.</summary>
    public void AddTo(ElementNode resource, string type)
    {
        // _include=* and _include=[type]:* take every reference parameter (https://hl7.org/fhir/R4/search.html#include).
        resource.AddNew("searchInclude").Value = "*";
        foreach (var include in _includes[type])
        {
            resource.AddNew("searchInclude").Value = include;
        }

        foreach (var revInclude in _revIncludes[type].Order(StringComparer.Ordinal))
        {
            resource.AddNew("searchRevInclude").Value = revInclude;
        }

        foreach (var parameter in _parameters[type])
        {
            AddSearchParam(resource, parameter);
        }
    }

    /// <summary>Adds one <c>searchParam</c>: name, definition, type and documentation.</summary>
    public static void AddSearchParam(ElementNode parent, SearchParameterInfo parameter)
    {
        var node = parent.AddNew("searchParam");
        node.AddNew("name").Value = parameter.Code;
        node.AddNew("definition").Value = parameter.Url;
        node.AddNew("type").Value = parameter.Type.ToString().ToLowerInvariant();
        if (parameter.Description is { Length: > 0 } description)
        {
            node.AddNew("documentation").Value = description;
        }
    }
}
