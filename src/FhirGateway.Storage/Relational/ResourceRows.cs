using System.Data;
using System.Data.Common;

namespace FhirGateway.Storage.Relational;

/// <summary>Statements on <c>resources</c> (one row per logical resource) and <c>resource_versions</c> (every version).</summary>
internal static class ResourceRows
{
    /// <summary>The columns <see cref="ReadVersion"/> expects, in order (alias <c>v</c>).</summary>
    public const string VersionColumns = "v.resource_type, v.resource_id, v.version, v.change, v.last_updated, v.json";

    /// <summary>Reads the resource row, locking it for the rest of the transaction where the database has row locks.</summary>
    public static async Task<CurrentRow?> LockAsync(DbSession db, string type, string id, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "SELECT resource_key, version, deleted, last_updated FROM resources WHERE resource_type = @type AND resource_id = @id" + db.Provider.LockRowSuffix)
            .WithText("@type", type)
            .WithText("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CurrentRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), db.Provider.GetTimestamp(reader, 3))
            : null;
    }

    /// <summary>Inserts the resource row; null when a row for the type and id already exists (a concurrent create won).</summary>
    public static async Task<long?> InsertAsync(
        DbSession db, string type, string id, long version, DateTimeOffset lastUpdated, string? fingerprint, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "INSERT INTO resources (resource_type, resource_id, version, deleted, last_updated, index_fingerprint) VALUES (@type, @id, @version, @deleted, @updated, @fp) " +
            "ON CONFLICT (resource_type, resource_id) DO NOTHING RETURNING resource_key")
            .WithText("@type", type)
            .WithText("@id", id)
            .WithInt64("@version", version)
            .With("@deleted", false, DbType.Boolean)
            .WithTimestamp(db.Provider, "@updated", lastUpdated)
            .WithText("@fp", fingerprint);
        var key = await command.ExecuteScalarAsync(cancellationToken);
        return key is null or DBNull ? null : Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the resource row to a new current version, whose index rows were extracted with <paramref name="fingerprint"/>.</summary>
    public static ValueTask UpdateAsync(
        WriteBatch batch, long key, long version, bool deleted, DateTimeOffset lastUpdated, string? fingerprint, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var command = db.Command(
            "UPDATE resources SET version = @version, deleted = @deleted, last_updated = @updated, index_fingerprint = @fp WHERE resource_key = @key")
            .WithInt64("@version", version)
            .With("@deleted", deleted, DbType.Boolean)
            .WithTimestamp(db.Provider, "@updated", lastUpdated)
            .WithText("@fp", fingerprint)
            .WithInt64("@key", key);
        return batch.AddAsync(command, cancellationToken);
    }

    /// <summary>Removes a resource row this transaction inserted and then gave up (it has no versions yet).</summary>
    public static async Task DeleteUnwrittenAsync(DbSession db, long key, CancellationToken cancellationToken)
    {
        await using var row = db.Command("DELETE FROM resources WHERE resource_key = @key").WithInt64("@key", key);
        await row.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts one version; <paramref name="json"/> is null for a deletion.</summary>
    public static ValueTask InsertVersionAsync(WriteBatch batch, long key, ResourceVersion version, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var command = db.Command(
            "INSERT INTO resource_versions (resource_key, resource_type, resource_id, version, change, last_updated, json) " +
            "VALUES (@key, @type, @id, @version, @change, @updated, @json)")
            .WithInt64("@key", key)
            .WithText("@type", version.ResourceType)
            .WithText("@id", version.Id)
            .WithInt64("@version", version.VersionId)
            .WithInt32("@change", (int)version.Change)
            .WithTimestamp(db.Provider, "@updated", version.LastUpdated)
            .With("@json", version.IsDeleted ? null : version.Json.ToArray(), DbType.Binary);
        return batch.AddAsync(command, cancellationToken);
    }

    /// <summary>Reads the current version by type and id.</summary>
    public static Task<ResourceVersion?> ReadCurrentAsync(DbSession db, string type, string id, CancellationToken cancellationToken) =>
        ReadOneAsync(
            db.Command(
                "SELECT " + VersionColumns + " FROM resources r JOIN resource_versions v ON v.resource_key = r.resource_key AND v.version = r.version " +
                "WHERE r.resource_type = @type AND r.resource_id = @id")
            .WithText("@type", type)
            .WithText("@id", id),
            db.Provider,
            cancellationToken);

    /// <summary>Reads one version by type, id and version.</summary>
    public static Task<ResourceVersion?> ReadVersionAsync(DbSession db, string type, string id, long version, CancellationToken cancellationToken) =>
        ReadOneAsync(
            db.Command(
                "SELECT " + VersionColumns + " FROM resources r JOIN resource_versions v ON v.resource_key = r.resource_key " +
                "WHERE r.resource_type = @type AND r.resource_id = @id AND v.version = @version")
            .WithText("@type", type)
            .WithText("@id", id)
            .WithInt64("@version", version),
            db.Provider,
            cancellationToken);

    /// <summary>Reads one version by resource key.</summary>
    public static Task<ResourceVersion?> ReadVersionAsync(DbSession db, long key, long version, CancellationToken cancellationToken) =>
        ReadOneAsync(
            db.Command("SELECT " + VersionColumns + " FROM resource_versions v WHERE v.resource_key = @key AND v.version = @version")
            .WithInt64("@key", key)
            .WithInt64("@version", version),
            db.Provider,
            cancellationToken);

    /// <summary>Reads a version from the columns <see cref="VersionColumns"/>, starting at <paramref name="first"/>.</summary>
    public static ResourceVersion ReadVersion(DbDataReader reader, RelationalProvider provider, int first = 0) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetInt64(first + 2),
        provider.GetTimestamp(reader, first + 4),
        (ResourceChange)reader.GetInt32(first + 3),
        reader.IsDBNull(first + 5) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(first + 5));

    private static async Task<ResourceVersion?> ReadOneAsync(DbCommand command, RelationalProvider provider, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, provider) : null;
        }
    }
}
