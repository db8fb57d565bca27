namespace FhirGateway.Search.Configuration;

/// <summary>Settings of search (configuration section <c>Search</c>).</summary>
public sealed class SearchSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Search";

    /// <summary>The page size when a search gives no <c>_count</c>.</summary>
    public int DefaultCount { get; set; } = 50;

    /// <summary>The largest page; a larger <c>_count</c> is capped (at most 1000, the store's limit).</summary>
    public int MaxCount { get; set; } = Storage.Search.StoreSearchQuery.MaxCount;

    /// <summary>The most resources <c>_include</c> and <c>_revinclude</c> add to one page.</summary>
    public int MaxIncludes { get; set; } = 1000;

    /// <summary>
    /// Files or folders holding the gateway's own SearchParameters (FHIR JSON or XML, single resources or Bundles),
    /// loaded after the official ones; a relative path is relative to the working directory.
    /// </summary>
    public IList<string> SearchParameterPaths { get; } = [];

    /// <summary>
    /// The absolute FHIR base URLs this server is reached at: stored references and search values on them are local
    /// references (https://hl7.org/fhir/R4/references.html#literal).
    /// </summary>
    public IList<string> LocalBaseUrls { get; } = [];
}
