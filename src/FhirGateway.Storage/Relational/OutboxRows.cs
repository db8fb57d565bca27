using System.Data.Common;
using FhirGateway.Storage.Outbox;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>outbox</c>. An item is available when <c>available_at</c> has passed: leasing moves
/// <c>available_at</c> to the lease's end (so an expired lease makes the item available again without a second
/// column to test), sets a fresh lease token and counts the attempt; completing deletes the item; a retry clears the
/// token and sets the next <c>available_at</c>. Completion and retry match on the token, so a worker whose lease was
/// taken over changes nothing.
/// </summary>
internal static class OutboxRows
{
    /// <summary>The columns a lease statement returns, in order.</summary>
    public const string LeasedColumns = "item_id, topic, resource_type, resource_id, version, attempts, created_at, available_at";

    /// <summary>Adds one item per topic for a version, in the writer's transaction.</summary>
    public static async ValueTask AddAsync(WriteBatch batch, IReadOnlyList<string> topics, ResourceVersion version, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        foreach (var topic in topics)
        {
            var command = db.Command(
                "INSERT INTO outbox (topic, resource_type, resource_id, version, created_at, available_at, attempts) " +
                "VALUES (@topic, @type, @id, @version, @at, @at, 0)")
                .WithText("@topic", topic)
                .WithText("@type", version.ResourceType)
                .WithText("@id", version.Id)
                .WithInt64("@version", version.VersionId)
                .WithTimestamp(db.Provider, "@at", version.LastUpdated);
            await batch.AddAsync(command, cancellationToken);
        }
    }

    /// <summary>Leases available items with the provider's lease statement.</summary>
    public static async Task<List<OutboxItem>> LeaseAsync(DbSession db, OutboxLeaseRequest request, DateTimeOffset now, Guid token, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var command = db.Command(db.Provider.LeaseSql)
            .WithTimestamp(db.Provider, "@now", now)
            .WithText("@topic", request.Topic)
            .WithInt32("@max", request.MaxItems)
            .WithText("@owner", request.Worker)
            .WithTimestamp(db.Provider, "@expires", now + request.LeaseDuration);
        db.Provider.AddGuid(command, "@token", token);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader, db.Provider, token));
        }

        items.Sort((a, b) => a.ItemId.CompareTo(b.ItemId));
        return items;
    }

    /// <summary>Deletes an item if the lease is still the caller's.</summary>
    public static async Task<bool> CompleteAsync(DbSession db, OutboxItem item, CancellationToken cancellationToken)
    {
        await using var command = db.Command("DELETE FROM outbox WHERE item_id = @id AND lease_token = @token").WithInt64("@id", item.ItemId);
        db.Provider.AddGuid(command, "@token", item.LeaseToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Releases an item for a later attempt if the lease is still the caller's.</summary>
    public static async Task<bool> RetryLaterAsync(DbSession db, OutboxItem item, DateTimeOffset availableAt, CancellationToken cancellationToken)
    {
        await using var command = db.Command(
            "UPDATE outbox SET available_at = @at, lease_owner = NULL, lease_token = NULL WHERE item_id = @id AND lease_token = @token")
            .WithTimestamp(db.Provider, "@at", availableAt)
            .WithInt64("@id", item.ItemId);
        db.Provider.AddGuid(command, "@token", item.LeaseToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static OutboxItem Read(DbDataReader reader, RelationalProvider provider, Guid token) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        reader.GetInt32(5),
        provider.GetTimestamp(reader, 6),
        token,
        provider.GetTimestamp(reader, 7));
}
