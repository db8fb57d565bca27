namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>identity_keys</c>: each key is the primary key of its row, so at most one current resource holds
/// it. Claims use <c>INSERT ... ON CONFLICT DO NOTHING</c>: the database decides between concurrent claimants (on
/// PostgreSQL the later one waits for the earlier transaction and then sees the conflict), and a lost claim is an
/// ordinary result, not an error that would abort the transaction.
/// </summary>
internal static class IdentityKeyRows
{
    /// <summary>The current resources holding any of <paramref name="keys"/>: key, resource key, resource id.</summary>
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

    /// <summary>
    /// Claims every key for the resource, or none: when another resource holds one of them, the keys this call did
    /// insert are removed again and the result is false.
    /// </summary>
    public static async Task<bool> TryClaimAsync(DbSession db, long resourceKey, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return true;
        }

        var claimed = new List<string>(keys.Count);
        await using (var command = db.Command(string.Empty).WithInt64("@key", resourceKey))
        {
            var names = new string[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                names[i] = $"(@k{i}, @key)";
                command.WithText("@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keys[i]);
            }

            command.CommandText = "INSERT INTO identity_keys (identity_key, resource_key) VALUES " + string.Join(", ", names) +
                " ON CONFLICT (identity_key) DO NOTHING RETURNING identity_key";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(reader.GetString(0));
            }
        }

        if (claimed.Count == keys.Count)
        {
            return true;
        }

        if (claimed.Count > 0)
        {
            await RemoveAsync(db, resourceKey, claimed, cancellationToken);
        }

        return false;
    }

    /// <summary>Releases some of a resource's keys.</summary>
    public static async Task RemoveAsync(DbSession db, long resourceKey, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = db.Command(string.Empty).WithInt64("@key", resourceKey);
        var list = command.WithTextList("k", keys);
        command.CommandText = "DELETE FROM identity_keys WHERE resource_key = @key AND identity_key IN (" + list + ")";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Releases all of a resource's keys.</summary>
    public static async Task RemoveAllAsync(DbSession db, long resourceKey, CancellationToken cancellationToken)
    {
        await using var command = db.Command("DELETE FROM identity_keys WHERE resource_key = @key").WithInt64("@key", resourceKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
