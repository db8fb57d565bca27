namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>conditional_claims</c>: one row per claimed criteria (primary key: the criteria's hash) naming the
/// resource that holds it. Claims use <c>INSERT ... ON CONFLICT DO NOTHING</c>, so the database decides between
/// concurrent claimants (on PostgreSQL the later one waits for the earlier transaction and then sees the conflict) and
/// a lost claim is an ordinary result, not an error that would abort a larger unit of work.
/// </summary>
internal static class ClaimRows
{
    /// <summary>The resource holding a claim: its key and id, or null when nobody holds it.</summary>
    public static async Task<(long ResourceKey, string ResourceId)?> HolderAsync(DbSession db, string hash, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "SELECT r.resource_key, r.resource_id FROM conditional_claims c JOIN resources r ON r.resource_key = c.resource_key WHERE c.claim_hash = @hash")
            .WithText("@hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Claims the criteria for a resource; false when another resource holds them.</summary>
    public static async Task<bool> TryClaimAsync(DbSession db, ClaimInput claim, string resourceType, long resourceKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "INSERT INTO conditional_claims (claim_hash, resource_type, criteria, resource_key, claimed_at) VALUES (@hash, @type, @criteria, @key, @now) " +
            "ON CONFLICT (claim_hash) DO NOTHING")
            .WithText("@hash", claim.Hash)
            .WithText("@type", resourceType)
            .WithText("@criteria", claim.Criteria)
            .WithInt64("@key", resourceKey)
            .WithTimestamp(db.Provider, "@now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Moves a claim from the resource <paramref name="holderId"/> (which the caller found no longer matching) to a new
    /// resource; false when the claim is no longer that resource's. The row lock orders concurrent takers: the second
    /// finds the holder changed.
    /// </summary>
    public static async Task<bool> TakeOverAsync(
        DbSession db, ClaimInput claim, string resourceType, string holderId, long resourceKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "UPDATE conditional_claims SET resource_key = @key, claimed_at = @now WHERE claim_hash = @hash AND resource_key = " +
            "(SELECT resource_key FROM resources WHERE resource_type = @type AND resource_id = @holder)")
            .WithInt64("@key", resourceKey)
            .WithTimestamp(db.Provider, "@now", now)
            .WithText("@hash", claim.Hash)
            .WithText("@type", resourceType)
            .WithText("@holder", holderId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Releases every claim a resource holds (when it is deleted).</summary>
    public static ValueTask RemoveAllAsync(WriteBatch batch, long resourceKey, CancellationToken cancellationToken) =>
        batch.AddAsync(batch.Db.Command("DELETE FROM conditional_claims WHERE resource_key = @key").WithInt64("@key", resourceKey), cancellationToken);
}
