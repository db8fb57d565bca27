using System.Text;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

/// <summary>
/// <c>_include</c> and <c>_revinclude</c> (https://hl7.org/fhir/R4/search.html#include) over the reference rows of
/// <c>search_index</c>: forwards from the sources' rows (index on resource_key, param) to the current targets,
/// backwards from the targets' type and id (index on ref_type, ref_id) to the current sources. Includes without
/// <c>:iterate</c> start from the page's matches only; <c>:iterate</c> ones start again from each round of newly
/// included resources until a round adds nothing or the limit is reached.
/// </summary>
internal static class IncludeReader
{
    /// <summary>Rounds of <c>:iterate</c> after the first; enough for any reasonable graph, bounded for cyclic ones.</summary>
    private const int MaxRounds = 8;

    private const int KeysPerStatement = 500;

    public static readonly Included Nothing = new([], false);

    public static async Task<Included> ReadAsync(DbSession db, StoreSearchQuery query, IReadOnlyList<PageReader.Match> matches, CancellationToken cancellationToken)
    {
        if (query.IncludableTypes is { Count: 0 })
        {
            return Nothing;
        }

        var seen = new HashSet<long>(matches.Select(m => m.Key));
        var result = new List<ResourceVersion>();
        var sources = matches.Select(m => new Source(m.Key, m.Version.ResourceType, m.Version.Id)).ToList();
        var truncated = false;
        for (var round = 0; round <= MaxRounds && sources.Count > 0 && !truncated; round++)
        {
            var added = new List<Source>();
            foreach (var spec in query.Includes.Where(i => round == 0 || i.Iterate))
            {
                foreach (var chunk in sources.Chunk(KeysPerStatement))
                {
                    // Asks for as many more as may turn out to be seen already, and one past the limit, so a full
                    // result knows whether it left something out.
                    var limit = Math.Max(query.MaxIncludes - result.Count, 1) + seen.Count;
                    foreach (var (key, version) in await ReadAsync(db, spec, chunk, query, limit, cancellationToken))
                    {
                        if (seen.Contains(key))
                        {
                            continue;
                        }

                        if (result.Count == query.MaxIncludes)
                        {
                            truncated = true;
                            break;
                        }

                        seen.Add(key);
                        result.Add(version);
                        added.Add(new Source(key, version.ResourceType, version.Id));
                    }

                    if (truncated)
                    {
                        break;
                    }
                }

                if (truncated)
                {
                    break;
                }
            }

            sources = added;
        }

        return new Included(result, truncated);
    }

    private static async Task<List<(long Key, ResourceVersion Version)>> ReadAsync(
        DbSession db, IncludeSpec spec, Source[] sources, StoreSearchQuery query, int limit, CancellationToken cancellationToken)
    {
        var includable = query.IncludableTypes;
        var found = new List<(long, ResourceVersion)>();
        var relevant = spec.Reverse || spec.SourceType is null ? sources : sources.Where(s => s.Type == spec.SourceType).ToArray();
        if (spec.Reverse && spec.TargetType is not null)
        {
            relevant = relevant.Where(s => s.Type == spec.TargetType).ToArray();
        }

        if (relevant.Length == 0)
        {
            return found;
        }

        await using var command = db.Command(string.Empty);
        var sql = new SearchSql(command, db.Provider);
        var text = new StringBuilder("SELECT x.resource_key, ").Append(ResourceRows.VersionColumns)
            .Append(" FROM resources x JOIN resource_versions v ON v.resource_key = x.resource_key AND v.version = x.version WHERE NOT x.deleted");
        if (includable is not null)
        {
            text.Append(" AND ");
            sql.AppendTypes(text, "x.resource_type", includable.ToList());
        }

        if (query.IncludeCriteria is { } perType)
        {
            sql.AppendPerType(text, "x", perType);
        }

        text.Append(" AND x.resource_key IN (");
        if (spec.Reverse)
        {
            // Rows of the sources that refer to any of the given resources, through search_index_reference
            // (resource_type, param, ref_id, ref_type): one term per referring type, its parameters and the targets'
            // type, each an index lookup (the values are bound once and named again in every term). Each term names the
            // partial index's kind itself: with kind = 4 only outside the OR, SQLite 3.40 scanned another index instead
            // of looking each term up (EXPLAIN QUERY PLAN). A wildcard over targets of many types makes thousands of
            // terms (_revinclude:iterate=* over the official examples), ORed in groups (SearchSql.AppendOr).
            var terms = new List<string>();
            foreach (var group in relevant.GroupBy(s => s.Type))
            {
                var type = sql.Text(group.Key);
                var ids = sql.TextList(group.Select(s => s.Id));
                foreach (var (sourceType, parameters) in Referring(spec, group.Key))
                {
                    terms.Add($"(s.kind = 4 AND s.resource_type = {sql.Text(sourceType)} AND s.param IN ({sql.TextList(parameters)}) AND s.ref_id IN ({ids}) AND s.ref_type = {type})");
                }
            }

            if (terms.Count == 0)
            {
                // No parameter can refer to these types.
                return found;
            }

            text.Append("SELECT s.resource_key FROM search_index s WHERE s.grp IS NULL AND (");
            SearchSql.AppendOr(text, terms.Count, i => text.Append(terms[i]));
            text.Append(')');
        }
        else
        {
            // The current resources the sources' rows refer to.
            text.Append("SELECT t.resource_key FROM search_index s JOIN resources t ON t.resource_type = s.ref_type AND t.resource_id = s.ref_id ")
                .Append("WHERE s.kind = 4 AND s.grp IS NULL AND s.resource_key IN (")
                .Append(string.Join(", ", relevant.Select(s => sql.Int64(s.Key)))).Append(')');
            AppendOptional(text, sql, "s.param", spec.Parameter);
            AppendOptional(text, sql, "s.ref_type", spec.TargetType);
        }

        text.Append(") ORDER BY x.resource_key LIMIT ").Append(sql.Int64(limit));
        command.CommandText = sql.Statement(text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetInt64(0), ResourceRows.ReadVersion(reader, db.Provider, 1)));
        }

        return found;
    }

    /// <summary>
    /// The referring types and their parameters a reverse include reads for targets of <paramref name="targetType"/>:
    /// the one it names, or those its wildcard stands for (<see cref="IncludeSpec.Sources"/>) that may refer to that type.
    /// </summary>
    private static IEnumerable<(string SourceType, List<string> Parameters)> Referring(IncludeSpec spec, string targetType)
    {
        if (spec.SourceType is not null && spec.Parameter is not null)
        {
            return [(spec.SourceType, [spec.Parameter])];
        }

        return (spec.Sources ?? [])
            .Where(s => (spec.SourceType is null || s.SourceType == spec.SourceType) && (s.Targets.Count == 0 || s.Targets.Contains(targetType)))
            .GroupBy(s => s.SourceType, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(s => s.Parameter).Distinct(StringComparer.Ordinal).ToList()));
    }

    private static void AppendOptional(StringBuilder text, SearchSql sql, string column, string? value)
    {
        if (value is not null)
        {
            text.Append(" AND ").Append(column).Append(" = ").Append(sql.Text(value));
        }
    }

    /// <summary>What includes added, and whether the limit left some out.</summary>
    public sealed record Included(IReadOnlyList<ResourceVersion> Resources, bool Truncated);

    private sealed record Source(long Key, string Type, string Id);
}
