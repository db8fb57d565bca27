using System.Data.Common;
using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

/// <summary>
/// Reads one page of matches by keyset: ordered by the sort keys and then the resource key (a total order), it
/// continues strictly after (or, for a previous page, before) the cursor's position. Resources without a sort value
/// come last in either direction. One row more than the page tells whether another page follows.
/// </summary>
internal static class PageReader
{
    public static readonly Page Empty = new([], null, null);

    public static async Task<Page> ReadAsync(DbSession db, StoreSearchQuery query, CancellationToken cancellationToken)
    {
        var sort = query.Sort;
        var backward = query.Cursor?.IsBackward == true;
        await using var command = db.Command(string.Empty);
        var sql = new SearchSql(command, db.Provider);
        // The page's keys are chosen first and only then joined to their versions (with the JSON): a LIMIT inside
        // the subquery keeps the database from joining every candidate before ordering and cutting (PostgreSQL did,
        // reading the version of each of 2,617 Observations with one code for a page of 50; docs/benchmarks.md).
        var text = new StringBuilder("SELECT page.resource_key");
        AppendSortColumns(text, "page", sort.Count);
        text.Append(", ").Append(ResourceRows.VersionColumns).Append(" FROM (SELECT m.resource_key, m.version");
        AppendSortColumns(text, "m", sort.Count);
        text.Append(" FROM (SELECT r.resource_key, r.version");
        for (var i = 0; i < sort.Count; i++)
        {
            text.Append(", ").Append(sql.SortExpression("r", sort[i])).Append(" AS k").Append(i);
        }

        text.Append(" FROM resources r WHERE ");
        sql.AppendTypes(text, "r.resource_type", query.ResourceTypes);
        text.Append(" AND NOT r.deleted");
        sql.AppendCriteria(text, "r", query.ResourceTypes, query.Criteria);
        text.Append(") m");
        if (query.Cursor is { } cursor)
        {
            text.Append(" WHERE ");
            AppendKeyset(text, sql, sort, cursor, 0);
        }

        AppendOrder(text, "m", sort, backward);
        text.Append(" LIMIT ").Append(sql.Int64(query.Count + 1));
        text.Append(") page JOIN resource_versions v ON v.resource_key = page.resource_key AND v.version = page.version");
        AppendOrder(text, "page", sort, backward);
        command.CommandText = sql.Statement(text);

        var rows = new List<Match>(Math.Min(query.Count + 1, 64));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[sort.Count];
                for (var i = 0; i < sort.Count; i++)
                {
                    values[i] = reader.IsDBNull(i + 1) ? null : SortValue(reader, i + 1, sort[i], db.Provider);
                }

                rows.Add(new Match(reader.GetInt64(0), values, ResourceRows.ReadVersion(reader, db.Provider, sort.Count + 1)));
            }
        }

        var more = rows.Count > query.Count;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        if (rows.Count == 0)
        {
            return new Page(rows, null, null);
        }

        var signature = SearchCursor.SignatureOf(sort);
        var after = new SearchCursor(false, signature, rows[^1].SortValues, rows[^1].Key);
        var before = new SearchCursor(true, signature, rows[0].SortValues, rows[0].Key);
        return backward
            ? new Page(rows, after, more ? before : null)
            : new Page(rows, more ? after : null, query.Cursor is null ? null : before);
    }

    private static void AppendSortColumns(StringBuilder text, string alias, int count)
    {
        for (var i = 0; i < count; i++)
        {
            text.Append(", ").Append(alias).Append(".k").Append(i);
        }
    }

    private static void AppendOrder(StringBuilder text, string alias, IReadOnlyList<SearchSortKey> sort, bool backward)
    {
        text.Append(" ORDER BY ");
        for (var i = 0; i < sort.Count; i++)
        {
            text.Append(alias).Append(".k").Append(i).Append(sort[i].Descending != backward ? " DESC" : " ASC").Append(backward ? " NULLS FIRST, " : " NULLS LAST, ");
        }

        text.Append(alias).Append(".resource_key").Append(backward ? " DESC" : " ASC");
    }

    /// <summary>The rows strictly after (before, for a backward cursor) the cursor's position in the order.</summary>
    private static void AppendKeyset(StringBuilder text, SearchSql sql, IReadOnlyList<SearchSortKey> sort, SearchCursor cursor, int i)
    {
        var backward = cursor.IsBackward;
        if (i == sort.Count)
        {
            text.Append("m.resource_key ").Append(backward ? "< " : "> ").Append(sql.Int64(cursor.Key));
            return;
        }

        var column = "m.k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cursor.Values[i] is not { } value)
        {
            // Null sorts last: after a null only nulls follow; before it every value comes.
            text.Append('(').Append(column).Append(backward ? " IS NOT NULL OR " : " IS NULL AND ");
            AppendKeyset(text, sql, sort, cursor, i + 1);
            text.Append(')');
            return;
        }

        var parameter = sql.SortValue(value);
        var greater = sort[i].Descending == backward;
        text.Append('(').Append(column).Append(backward ? " IS NOT NULL AND (" : " IS NULL OR ")
            .Append(column).Append(greater ? " > " : " < ").Append(parameter)
            .Append(" OR (").Append(column).Append(" = ").Append(parameter).Append(" AND ");
        AppendKeyset(text, sql, sort, cursor, i + 1);
        text.Append(backward ? ")))" : "))");
    }

    private static object SortValue(DbDataReader reader, int ordinal, SearchSortKey key, RelationalProvider provider)
    {
        if (key.Field == SortField.LastUpdated || (key.Field == SortField.Parameter && key.Kind == IndexKind.Date))
        {
            return provider.GetTimestamp(reader, ordinal);
        }

        if (key.Field == SortField.Parameter && key.Kind is IndexKind.Number or IndexKind.Quantity)
        {
            return reader.GetValue(ordinal) switch
            {
                decimal d => d,
                double f => f,
                var other => Convert.ToDouble(other, System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        return reader.GetString(ordinal);
    }

    /// <summary>One match: its key and sort values (for cursors) and the version.</summary>
    public sealed record Match(long Key, IReadOnlyList<object?> SortValues, ResourceVersion Version);

    /// <summary>A page: its matches in order and the cursors on either side.</summary>
    public sealed record Page(IReadOnlyList<Match> Matches, SearchCursor? Next, SearchCursor? Previous);
}
