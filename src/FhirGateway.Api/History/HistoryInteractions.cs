using System.Globalization;
using FhirGateway.Api.Bundles;
using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Storage;
using FhirGateway.Storage.History;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.History;

/// <summary>
/// The history interactions of an instance, a type and the system (https://hl7.org/fhir/R4/http.html#history): a
/// Bundle of type history, newest first, paged with the store's keyset cursor (the <c>next</c> link carries it in
/// <c>_cursor</c>), with <c>_since</c> and <c>_count</c>.
/// </summary>
internal sealed class HistoryInteractions(IResourceStore store, IOptions<FhirEndpointOptions> options)
{
    /// <summary>The paging parameter of the next link (opaque to clients).</summary>
    public const string CursorParameter = "_cursor";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "_since", "_count", CursorParameter, "_format", "_pretty" };

    private readonly int _defaultCount = options.Value.DefaultPageSize;

    /// <summary>
    /// Runs a history request and builds its Bundle; <paramref name="selfUrl"/> is the absolute URL of this page. Inside a
    /// transaction, <paramref name="within"/> is its unit of work, whose own writes the history then shows.
    /// </summary>
    public async Task<ResponseBundle> HistoryAsync(
        string baseUrl, string selfUrl, string? type, string? id, IReadOnlyList<KeyValuePair<string, string>> parameters, bool strict, CancellationToken cancellationToken,
        IResourceTransaction? within = null)
    {
        if (type is not null)
        {
            type = ResourceRules.RequireType(type);
        }

        using var activity = InteractionTelemetry.Start(id is not null ? "history-instance" : type is not null ? "history-type" : "history-system", type);
        var query = Query(type, id, parameters, strict);
        var page = within is null ? await store.HistoryAsync(query, cancellationToken) : await within.HistoryAsync(query, cancellationToken);
        IResourceOperations reads = within ?? (IResourceOperations)store;
        if (id is not null && page.Entries.Count == 0 && query.After is null && (await reads.ReadAsync(type!, id, cancellationToken)).Status == ReadStatus.NotFound)
        {
            throw FhirException.Status(StatusCodes.Status404NotFound, $"{type}/{id} is not known.");
        }

        var bundle = new ResponseBundle("history");
        bundle.Links.Add(new("self", selfUrl));
        if (page.Next is { } next)
        {
            bundle.Links.Add(new("next", NextUrl(selfUrl, next)));
        }

        foreach (var version in page.Entries)
        {
            bundle.Entries.Add(Entry(baseUrl, version));
        }

        return bundle;
    }

    private HistoryQuery Query(string? type, string? id, IReadOnlyList<KeyValuePair<string, string>> parameters, bool strict)
    {
        var query = new HistoryQuery { ResourceType = type, Id = id, Count = _defaultCount };
        foreach (var (name, value) in parameters)
        {
            query = name switch
            {
                "_since" => query with { Since = FhirInstants.TryParse(value, out var since) ? since : throw Invalid("_since must be a FHIR instant, such as 2026-01-31T12:00:00Z.") },
                "_count" => query with { Count = Count(value) },
                CursorParameter => query with { After = HistoryCursor.TryParse(value, out var cursor) ? cursor : throw Invalid("_cursor is not one this server made; follow the next link.") },
                "_at" or "_list" or "_sort" => throw new FhirException(StatusCodes.Status400BadRequest, "not-supported", $"History does not support {name} yet."),
                _ when strict && !Known.Contains(name) => throw new FhirException(StatusCodes.Status400BadRequest, "not-supported", $"History has no parameter '{name}' (Prefer: handling=strict)."),
                _ => query,
            };
        }

        return query;
    }

    private static int Count(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? Math.Min(count, HistoryQuery.MaxCount)
            : throw Invalid("_count must be a positive whole number.");

    private static string NextUrl(string selfUrl, HistoryCursor next)
    {
        var mark = selfUrl.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? selfUrl : selfUrl[..mark];
        var pairs = mark < 0 ? [] : QueryHelpers.ParseQuery(selfUrl[mark..])
            .Where(p => p.Key != CursorParameter)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        pairs.Add(new(CursorParameter, next.ToString()));
        return QueryHelpers.AddQueryString(path, pairs);
    }

    /// <summary>
    /// A history entry: the version, and the request that made it with the status it was answered
    /// (https://hl7.org/fhir/R4/http.html#history: request and response "record the operation that created the
    /// version"). A conditional update that created a resource is recorded as the create it was.
    /// </summary>
    private static ResponseEntry Entry(string baseUrl, ResourceVersion version)
    {
        var instance = $"{version.ResourceType}/{version.Id}";
        var entry = new ResponseEntry
        {
            FullUrl = EntryResponses.FullUrl(baseUrl, version),
            Resource = version.IsDeleted ? null : version,
            Status = "200 OK",
            Etag = ETags.Of(version.VersionId),
            LastModified = version.LastUpdated,
        };
        return version.Change switch
        {
            ResourceChange.Create => entry with { Request = ("POST", version.ResourceType), Status = "201 Created", Location = InteractionResult.LocationOf(version) },
            ResourceChange.Delete => entry with { Request = ("DELETE", instance), Status = "204 No Content" },
            ResourceChange.Patch => entry with { Request = ("PATCH", instance) },
            ResourceChange.Recreate => entry with { Request = ("PUT", instance), Status = "201 Created" },
            _ => entry with { Request = ("PUT", instance), Status = version.VersionId == 1 ? "201 Created" : "200 OK" },
        };
    }

    private static FhirException Invalid(string message) => FhirException.Status(StatusCodes.Status400BadRequest, message);
}
