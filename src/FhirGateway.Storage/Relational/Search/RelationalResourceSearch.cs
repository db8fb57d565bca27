using System.Data.Common;
using System.Text;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

/// <summary>
/// Searches over the relational store (docs/search.md): the page of matches by keyset, then the total and the
/// includes, all in one read transaction when there is more than the page to read, so they agree with each other.
/// </summary>
internal sealed class RelationalResourceSearch(RelationalResourceStore store) : IResourceSearch
{
    public async Task<SearchPage> SearchAsync(StoreSearchQuery query, CancellationToken cancellationToken = default)
    {
        Check(query);
        await store.InitializeAsync(cancellationToken);
        var provider = store.Provider;
        var type = query.ResourceTypes is [var single] ? single : null;
        return await store.TraceAsync("search", type, async () =>
        {
            await using var connection = await provider.OpenAsync(cancellationToken);
            var several = query.CountTotal || query.Includes.Count > 0;
            await using var transaction = several ? await provider.BeginReadAsync(connection, cancellationToken) : null;
            var db = new DbSession(connection, transaction, provider);

            var result = await ReadAsync(db, query, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }, _ => "ok");
    }

    /// <summary>Runs a checked query on a session: the page, the total and the includes.</summary>
    internal static async Task<SearchPage> ReadAsync(DbSession db, StoreSearchQuery query, CancellationToken cancellationToken)
    {
        var page = query.Count > 0 ? await PageReader.ReadAsync(db, query, cancellationToken) : PageReader.Empty;
        long? total = null;
        if (query.CountTotal)
        {
            total = await CountAsync(db, query, cancellationToken);
        }
        else if (query.Cursor is null && page.Next is null && query.Count > 0)
        {
            // A first page that holds every match knows the total without counting.
            total = page.Matches.Count;
        }

        var included = query.Includes.Count > 0 && page.Matches.Count > 0
            ? await IncludeReader.ReadAsync(db, query, page.Matches, cancellationToken)
            : IncludeReader.Nothing;

        return new SearchPage(page.Matches.Select(m => m.Version).ToList(), included.Resources, total, page.Next, page.Previous)
        {
            IncludesTruncated = included.Truncated,
        };
    }

    private static async Task<long> CountAsync(DbSession db, StoreSearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = db.Command(string.Empty);
        var sql = new SearchSql(command, db.Provider);
        var text = new StringBuilder("SELECT COUNT(*) FROM resources r WHERE ");
        sql.AppendTypes(text, "r.resource_type", query.ResourceTypes);
        text.Append(" AND NOT r.deleted");
        sql.AppendCriteria(text, "r", query.ResourceTypes, query.Criteria);
        command.CommandText = sql.Statement(text);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void Check(StoreSearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Count, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Count, StoreSearchQuery.MaxCount, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.MaxIncludes, nameof(query));
        if (query.ResourceTypes is { Count: 0 })
        {
            throw new ArgumentException("A search needs at least one resource type (null for all).", nameof(query));
        }

        foreach (var type in query.ResourceTypes ?? [])
        {
            WriteInput.CheckType(type);
        }

        if (query.Cursor is { } cursor && !cursor.Fits(query.Sort))
        {
            throw new ArgumentException("The cursor belongs to a search with another order.", nameof(query));
        }
    }
}
