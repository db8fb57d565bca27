using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Search.Query;
using FhirGateway.Search.Results;
using FhirGateway.Storage;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search;

/// <summary>
/// What a search found, ready for the REST layer: a searchset Bundle (https://hl7.org/fhir/R4/bundle.html#searchset)
/// with matches, includes, links and an OperationOutcome entry for what was ignored, or, when the request is in error
/// (<see cref="IsValid"/> false), the OperationOutcome to answer 400 with.
/// </summary>
public sealed class SearchOutcome
{
    private const string SearchSet = "searchset";

    private readonly SearchOptions _options;
    private readonly DateTimeOffset _at;

    internal SearchOutcome(SearchQuery query, SearchOptions options, SearchPage page, IReadOnlyList<SearchIssue> issues, long? total, DateTimeOffset at)
    {
        Query = query;
        _options = options;
        Matches = page.Matches;
        Included = page.Included;
        Next = page.Next;
        Previous = page.Previous;
        Issues = issues;
        Total = total;
        _at = at;
    }

    /// <summary>The parsed request.</summary>
    public SearchQuery Query { get; }

    /// <summary>Whether the search ran; false when the request is in error (answer 400 with <see cref="ToOperationOutcome"/>).</summary>
    public bool IsValid => !Issues.Any(i => i.Severity == SearchIssueSeverity.Error);

    /// <summary>Every issue: the request's and the search's (includes left out).</summary>
    public IReadOnlyList<SearchIssue> Issues { get; }

    /// <summary>The matches of the page, in order.</summary>
    public IReadOnlyList<ResourceVersion> Matches { get; }

    /// <summary>What <c>_include</c> and <c>_revinclude</c> added.</summary>
    public IReadOnlyList<ResourceVersion> Included { get; }

    /// <summary>The number of matches, when asked for or known.</summary>
    public long? Total { get; }

    /// <summary>Where the next page starts.</summary>
    public SearchCursor? Next { get; }

    /// <summary>Where the previous page ends.</summary>
    public SearchCursor? Previous { get; }

    /// <summary>The page size the links carry.</summary>
    public int PageSize => Query.Summary == SummaryMode.Count ? 0 : Query.Count ?? DefaultPageSize;

    internal int DefaultPageSize { get; init; } = 50;

    /// <summary>The self link: the parameters used, the page size and the cursor the page started at.</summary>
    public string SelfLink(string baseUrl) => SearchLinks.Url(baseUrl, Query.ResourceType, _options.Compartment, Query.Used, PageSize, Query.Cursor);

    /// <summary>The link to the next page, or null.</summary>
    public string? NextLink(string baseUrl) => Next is null ? null : SearchLinks.Url(baseUrl, Query.ResourceType, _options.Compartment, Query.Used, PageSize, Next);

    /// <summary>The link to the previous page, or null.</summary>
    public string? PreviousLink(string baseUrl) =>
        Previous is null ? null : SearchLinks.Url(baseUrl, Query.ResourceType, _options.Compartment, Query.Used, PageSize, Previous);

    /// <summary>
    /// The issues as an OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html): each with its stable code in
    /// <c>details.coding</c> (system <see cref="SearchIssueCodes.CodeSystem"/>), the message in <c>diagnostics</c> and the
    /// parameter in <c>expression</c>.
    /// </summary>
    public ElementNode ToOperationOutcome() => OperationOutcomeFactory.FromIssues(Issues.Select(ToParseIssue));

    // The factory's issue layout (as every OperationOutcome of the gateway), with the search code system, the
    // search issue type and the parameter as the location.
    private static ParseIssue ToParseIssue(SearchIssue issue) => new(
        issue.Severity switch
        {
            SearchIssueSeverity.Error => IssueSeverity.Error,
            SearchIssueSeverity.Warning => IssueSeverity.Warning,
            _ => IssueSeverity.Information,
        },
        issue.Code,
        issue.Parameter,
        issue.Message)
    {
        IssueType = issue.IssueType,
        CodeSystem = SearchIssueCodes.CodeSystem,
    };

    /// <summary>
    /// The searchset Bundle as a resource tree (for any format). Matches and includes are read from their stored JSON;
    /// <c>_summary</c> and <c>_elements</c> apply to matches, <c>_summary</c> to includes as well.
    /// </summary>
    public ElementNode ToBundle(string baseUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        EnsureValid();
        var bundle = new Bundle();
        bundle.Id = Guid.NewGuid().ToString("D");
        bundle.Meta = new Meta { LastUpdated = Instant(_at) };
        bundle.Type = SearchSet;
        if (Total is { } total)
        {
            bundle.Total = (int)Math.Min(total, int.MaxValue);
        }

        foreach (var (relation, url) in Links(baseUrl))
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });
        }

        if (OutcomeIssues().Any())
        {
            var entry = new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D") };
            entry.Resource = FhirObject.Wrap<Resource>(OutcomeOfIssues());
            entry.Search = new Bundle.SearchComponent { Mode = "outcome" };
            bundle.Entry.Add(entry);
        }

        foreach (var (version, mode) in Entries())
        {
            var resource = Read(version);
            Subset(resource, mode);
            var entry = new Bundle.EntryComponent { FullUrl = FullUrl(baseUrl, version) };
            entry.Resource = FhirObject.Wrap<Resource>(resource);
            entry.Search = new Bundle.SearchComponent { Mode = mode };
            bundle.Entry.Add(entry);
        }

        return bundle.Node;
    }

    /// <summary>
    /// Writes the searchset Bundle as FHIR JSON without reading the stored resources into trees: their stored bytes
    /// are copied as they are, unless <c>_summary</c> or <c>_elements</c> changes them. The same Bundle as
    /// <see cref="ToBundle"/>.
    /// </summary>
    public void WriteBundleJson(Utf8JsonWriter writer, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        EnsureValid();
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("id", Guid.NewGuid().ToString("D"));
        writer.WriteStartObject("meta");
        writer.WriteString("lastUpdated", Instant(_at));
        writer.WriteEndObject();
        writer.WriteString("type", SearchSet);
        if (Total is { } total)
        {
            writer.WriteNumber("total", Math.Min(total, int.MaxValue));
        }

        writer.WriteStartArray("link");
        foreach (var (relation, url) in Links(baseUrl))
        {
            writer.WriteStartObject();
            writer.WriteString("relation", relation);
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var entries = Entries().ToList();
        var hasOutcome = OutcomeIssues().Any();
        if (entries.Count > 0 || hasOutcome)
        {
            writer.WriteStartArray("entry");
            if (hasOutcome)
            {
                writer.WriteStartObject();
                writer.WriteString("fullUrl", "urn:uuid:" + Guid.NewGuid().ToString("D"));
                writer.WritePropertyName("resource");
                FhirJsonWriter.Write(OutcomeOfIssues(), writer);
                WriteSearchMode(writer, "outcome");
                writer.WriteEndObject();
            }

            foreach (var (version, mode) in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("fullUrl", FullUrl(baseUrl, version));
                writer.WritePropertyName("resource");
                if (NeedsSubset(mode))
                {
                    var resource = Read(version);
                    Subset(resource, mode);
                    FhirJsonWriter.Write(resource, writer);
                }
                else
                {
                    writer.WriteRawValue(version.Json.Span, skipInputValidation: true);
                }

                WriteSearchMode(writer, mode);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The searchset Bundle as UTF-8 FHIR JSON.</summary>
    public byte[] ToBundleJson(string baseUrl, bool pretty = false)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, FhirJsonWriter.WriterOptions(pretty)))
        {
            WriteBundleJson(writer, baseUrl);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static SearchOutcome Invalid(SearchQuery query, SearchOptions options, DateTimeOffset at, int defaultPageSize) =>
        new(query, options, new SearchPage([], [], null, null, null), query.Issues, null, at) { DefaultPageSize = defaultPageSize };

    internal static SearchOutcome Empty(SearchQuery query, SearchOptions options, DateTimeOffset at, int defaultPageSize) =>
        new(query, options, new SearchPage([], [], null, null, null), query.Issues, 0, at) { DefaultPageSize = defaultPageSize };

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FullUrl(string baseUrl, ResourceVersion version) => $"{baseUrl.TrimEnd('/')}/{version.ResourceType}/{version.Id}";

    private static void WriteSearchMode(Utf8JsonWriter writer, string mode)
    {
        writer.WriteStartObject("search");
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
    }

    private static ElementNode Read(ResourceVersion version) =>
        FhirJsonReader.Parse(version.Json.Span, FhirModel.R4).Resource
            ?? throw new InvalidOperationException($"The stored {version.ResourceType}/{version.Id} does not read.");

    private void EnsureValid()
    {
        if (!IsValid)
        {
            throw new InvalidOperationException("The search request is in error: answer with ToOperationOutcome().");
        }
    }

    private IEnumerable<(string Relation, string Url)> Links(string baseUrl)
    {
        yield return ("self", SelfLink(baseUrl));
        if (PreviousLink(baseUrl) is { } previous)
        {
            yield return ("previous", previous);
        }

        if (NextLink(baseUrl) is { } next)
        {
            yield return ("next", next);
        }
    }

    private IEnumerable<(ResourceVersion Version, string Mode)> Entries() =>
        Matches.Select(m => (m, "match")).Concat(Included.Select(i => (i, "include")));

    private IEnumerable<SearchIssue> OutcomeIssues() => Issues.Where(i => i.Severity != SearchIssueSeverity.Error);

    private ElementNode OutcomeOfIssues() => new SearchOutcome(Query, _options, new SearchPage([], [], null, null, null), OutcomeIssues().ToList(), null, _at).ToOperationOutcome();

    private bool NeedsSubset(string mode) =>
        mode == "match" ? ResourceSubsetter.Applies(Query.Summary, Query.Elements) : ResourceSubsetter.Applies(Query.Summary, null);

    private void Subset(ElementNode resource, string mode) =>
        ResourceSubsetter.Apply(resource, Query.Summary, mode == "match" ? Query.Elements : null);
}
