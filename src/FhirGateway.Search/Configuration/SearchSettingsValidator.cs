using Microsoft.Extensions.Options;

namespace FhirGateway.Search.Configuration;

/// <summary>Checks the search settings at start-up and reports every problem at once, including unusable SearchParameter files.</summary>
internal sealed class SearchSettingsValidator(SearchRegistryLoader loader) : IValidateOptions<SearchSettings>
{
    public ValidateOptionsResult Validate(string? name, SearchSettings options)
    {
        var failures = new List<string>();
        if (options.MaxCount is < 1 or > Storage.Search.StoreSearchQuery.MaxCount)
        {
            failures.Add($"Search:MaxCount must be 1 to {Storage.Search.StoreSearchQuery.MaxCount}.");
        }

        if (options.DefaultCount < 1 || options.DefaultCount > Math.Max(options.MaxCount, 1))
        {
            failures.Add("Search:DefaultCount must be 1 to Search:MaxCount.");
        }

        if (options.MaxIncludes < 0)
        {
            failures.Add("Search:MaxIncludes must not be negative.");
        }

        foreach (var url in options.LocalBaseUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
            {
                failures.Add($"Search:LocalBaseUrls holds '{url}', which is not an absolute http(s) URL without a query.");
            }
        }

        failures.AddRange(loader.Load(options).Issues.Where(i => i.IsError).Select(i => "Search:SearchParameterPaths: " + i));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
