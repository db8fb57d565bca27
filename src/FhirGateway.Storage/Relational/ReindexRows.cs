using FhirGateway.Storage.Indexing;

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

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Claims a resource for new rows: sets its fingerprint when it is still at <paramref name="version"/> and still
    /// stale. On PostgreSQL the UPDATE takes the row lock a writer takes (<c>FOR UPDATE</c>), and a concurrent
    /// writer's or reindexer's commit makes the re-checked condition false; SQLite has one writer at a time.
    /// </summary>
    public static async Task<bool> ClaimAsync(DbSession db, long key, long version, string fingerprint, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "UPDATE resources SET index_fingerprint = @fp WHERE resource_key = @key AND version = @version AND " +
            "NOT deleted AND (index_fingerprint IS NULL OR index_fingerprint <> @fp)")
            .WithText("@fp", fingerprint)
            .WithInt64("@key", key)
            .WithInt64("@version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
