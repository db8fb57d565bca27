using System.Globalization;
using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational.Search;

namespace FhirGateway.Storage.Relational;

/// <summary>Statements of the reindexer on <c>resources.index_fingerprint</c> (schema version 4).</summary>
internal static class ReindexRows
{
    private const string Stale = "NOT r.deleted AND (r.index_fingerprint IS NULL OR r.index_fingerprint <> @fp)";

    public static async Task<IReadOnlyList<StaleResource>> FindAsync(
        DbSession db, string fingerprint, string? type, long afterKey, int max, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "SELECT r.resource_key, " + ResourceRows.VersionColumns + " FROM resources r " +
            "JOIN resource_versions v ON v.resource_key = r.resource_key AND v.version = r.version " +
            "WHERE r.resource_key > @after AND " + Stale + (type is null ? string.Empty : " AND r.resource_type = @type") +
            " ORDER BY r.resource_key LIMIT @max")
            .WithInt64("@after", afterKey)
            .WithText("@fp", fingerprint)
            .WithInt32("@max", max);
        if (type is not null)
        {
            command.WithText("@type", type);
        }

        var found = new List<StaleResource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StaleResource(reader.GetInt64(0), ResourceRows.ReadVersion(reader, db.Provider, 1)));
        }

        return found;
    }

    public static async Task<long> CountAsync(DbSession db, string fingerprint, string? type, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "SELECT COUNT(*) FROM resources r WHERE " + Stale + (type is null ? string.Empty : " AND r.resource_type = @type"))
            .WithText("@fp", fingerprint);
        if (type is not null)
        {
            command.WithText("@type", type);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Claims resources for new rows in one statement: sets the fingerprint of each that is still at the version read
    /// and still stale, and returns their keys. On PostgreSQL the UPDATE takes the row locks writers take
    /// (<c>FOR UPDATE</c>) and re-checks the condition on rows a concurrent writer or reindexer changed meanwhile;
    /// SQLite has one writer at a time.
    /// </summary>
    public static async Task<HashSet<long>> ClaimAsync(DbSession db, IReadOnlyList<ReindexedResource> resources, string fingerprint, CancellationToken cancellationToken)
    {
        await using var command = db.Command(string.Empty).WithText("@fp", fingerprint);

        // ORed in groups (SearchSql.AppendOr): a batch of 1,000 (Reindex:BatchSize at its most) as one flat OR went past
        // SQLite's expression depth of 1,000 (https://www.sqlite.org/limits.html).
        var versions = new StringBuilder();
        SearchSql.AppendOr(versions, resources.Count, i =>
        {
            var k = "@k" + i.ToString(CultureInfo.InvariantCulture);
            var v = "@v" + i.ToString(CultureInfo.InvariantCulture);
            versions.Append("(resource_key = ").Append(k).Append(" AND version = ").Append(v).Append(')');
            command.WithInt64(k, resources[i].Resource.Key).WithInt64(v, resources[i].Resource.Version.VersionId);
        });

        command.CommandText =
            "UPDATE resources SET index_fingerprint = @fp WHERE (" + versions + ") AND NOT deleted AND " +
            "(index_fingerprint IS NULL OR index_fingerprint <> @fp) RETURNING resource_key";
        var claimed = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetInt64(0));
        }

        return claimed;
    }

    /// <summary>Removes the index rows of several resources.</summary>
    public static async Task RemoveIndexAsync(DbSession db, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        await using var command = db.Command(string.Empty);
        var names = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            var name = "@k" + names.Count.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            command.WithInt64(name, key);
        }

        command.CommandText = "DELETE FROM search_index WHERE resource_key IN (" + string.Join(", ", names) + ")";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
