using FhirGateway.Search.Diagnostics;
using FhirGateway.Search.Registry;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Search.Configuration;

/// <summary>Builds the registry once from the settings: the official parameters and the gateway's own files.</summary>
internal sealed class SearchRegistryLoader(ILogger<SearchRegistryLoader> logger)
{
    private readonly Lock _lock = new();
    private (SearchParameterRegistry Registry, IReadOnlyList<SearchParameterIssue> Issues)? _loaded;

    public (SearchParameterRegistry Registry, IReadOnlyList<SearchParameterIssue> Issues) Load(SearchSettings settings)
    {
        lock (_lock)
        {
            if (_loaded is { } loaded)
            {
                return loaded;
            }

            var issues = new List<SearchParameterIssue>();
            var sources = new List<SearchParameterSource>();
            foreach (var path in settings.SearchParameterPaths)
            {
                sources.AddRange(SearchParameterFiles.Read(path, issues));
            }

            var registry = SearchParameterRegistry.Official;
            if (sources.Count > 0)
            {
                registry = SearchParameterRegistry.Create(sources, out var found);
                issues.AddRange(found);
            }

            foreach (var notice in issues.Where(i => !i.IsError))
            {
                SearchLog.Notice(logger, notice.Source, notice.Message);
            }

            SearchLog.Loaded(logger, registry.All.Count(), sources.Count);
            _loaded = (registry, issues);
            return _loaded.Value;
        }
    }
}
