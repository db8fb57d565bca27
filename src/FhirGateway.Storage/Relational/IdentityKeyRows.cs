namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>identity_keys</c>: the identifiers of current resources, for conditional criteria to find them by.
/// A key may be held by any number of resources (schema version 3; FHIR lets resources share identifiers).
/// </summary>
internal static class IdentityKeyRows
{
    /// <summary>The current resources holding any of <paramref name="keys"/>: key, resource key, resource id (every holder).</summary>
    public static async Task<List<(string IdentityKey, long ResourceKey, string ResourceId)>> FindHoldersAsync(
        DbSession db, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var holders = new List<(string, long, string)>();
        await using var command = db.Command(string.Empty);
        var list = command.WithTextList("k", keys);
        command.CommandText =
            "SELECT k.identity_key, r.resource_key, r.resource_id FROM identity_keys k JOIN resources r ON r.resource_key = k.resource_key " +
            "WHERE k.identity_key IN (" + list + ")";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return holders;
    }

    /// <summary>The keys a resource holds.</summary>
    public static async Task<List<string>> OfAsync(DbSession db, long resourceKey, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using var command = db.Command("SELECT identity_key FROM identity_keys WHERE resource_key = @key").WithInt64("@key", resourceKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Adds keys to a resource (any number of resources may hold a key).</summary>
    public static ValueTask AddAsync(WriteBatch batch, long resourceKey, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var command = batch.Db.Command(string.Empty).WithInt64("@key", resourceKey);
        var names = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            names[i] = $"(@k{i}, @key)";
            command.WithText("@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keys[i]);
        }

        command.CommandText = "INSERT INTO identity_keys (identity_key, resource_key) VALUES " + string.Join(", ", names) +
            " ON CONFLICT (identity_key, resource_key) DO NOTHING";
        return batch.AddAsync(command, cancellationToken);
    }

    /// <summary>Releases some of a resource's keys.</summary>
    public static ValueTask RemoveAsync(WriteBatch batch, long resourceKey, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var command = batch.Db.Command(string.Empty).WithInt64("@key", resourceKey);
        var list = command.WithTextList("k", keys);
        command.CommandText = "DELETE FROM identity_keys WHERE resource_key = @key AND identity_key IN (" + list + ")";
        return batch.AddAsync(command, cancellationToken);
    }

    /// <summary>Releases all of a resource's keys.</summary>
    public static ValueTask RemoveAllAsync(WriteBatch batch, long resourceKey, CancellationToken cancellationToken) =>
        batch.AddAsync(batch.Db.Command("DELETE FROM identity_keys WHERE resource_key = @key").WithInt64("@key", resourceKey), cancellationToken);
}
