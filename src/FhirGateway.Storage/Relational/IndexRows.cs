using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>search_index</c>: one table for every kind, each kind using its own columns, with a partial
/// index per kind. Only the current version of a resource has rows; a write replaces them.
/// </summary>
internal static class IndexRows
{
    /// <summary>Removes a resource's rows.</summary>
    public static ValueTask RemoveAllAsync(WriteBatch batch, long resourceKey, CancellationToken cancellationToken) =>
        batch.AddAsync(batch.Db.Command("DELETE FROM search_index WHERE resource_key = @key").WithInt64("@key", resourceKey), cancellationToken);

    /// <summary>
    /// Compares a resource's stored rows with <paramref name="rows"/>, so that a write changes only the difference: an
    /// update usually changes a few elements, so most of a Patient's ~43 rows are the same before and after, and each
    /// row deleted and inserted again cost the table and two indexes a change (docs/benchmarks.md, issue 4). The rows
    /// are compared as multisets of stored values (two identical given names are two rows, kept or removed one for
    /// one). The caller holds the resource's row lock, so the row keys read here stay valid until the delete.
    /// </summary>
    public static async Task<IndexChange> CompareAsync(DbSession db, long resourceKey, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var provider = db.Provider;
        var stored = new Dictionary<StoredIndexRow, List<object>>();
        await using (var command = db.Command(
            "SELECT " + provider.IndexRowKey + ", " + StoredIndexRow.Columns + " FROM search_index WHERE resource_key = @key").WithInt64("@key", resourceKey))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = StoredIndexRow.Read(reader, 1, provider);
                if (!stored.TryGetValue(row, out var keys))
                {
                    stored.Add(row, keys = new List<object>(1));
                }

                keys.Add(reader.GetValue(0));
            }
        }

        var added = new List<IndexRow>();
        foreach (var row in rows)
        {
            if (stored.TryGetValue(StoredIndexRow.Of(row, provider), out var keys) && keys.Count > 0)
            {
                keys.RemoveAt(keys.Count - 1);
            }
            else
            {
                added.Add(row);
            }
        }

        var removed = new List<object>();
        foreach (var keys in stored.Values)
        {
            removed.AddRange(keys);
        }

        return new IndexChange(removed, added);
    }

    /// <summary>Applies a <see cref="CompareAsync"/> result: deletes the rows gone, inserts the new ones.</summary>
    public static async ValueTask ApplyAsync(WriteBatch batch, long resourceKey, string resourceType, IndexChange change, CancellationToken cancellationToken)
    {
        if (change.Removed.Count > 0)
        {
            await batch.Db.Provider.DeleteIndexRowsAsync(batch, resourceKey, change.Removed, cancellationToken);
        }

        await AddAsync(batch, resourceKey, resourceType, change.Added, cancellationToken);
    }

    /// <summary>
    /// Removes rows of a resource by their SQLite <c>rowid</c>: one statement reused per row, run now (SQLite does not
    /// batch; PostgreSQL overrides <see cref="RelationalProvider.DeleteIndexRowsAsync"/> with one statement in the batch).
    /// </summary>
    public static async ValueTask DeleteByRowIdAsync(WriteBatch batch, long resourceKey, IReadOnlyList<object> rowKeys, CancellationToken cancellationToken)
    {
        await using var command = batch.Db.Command("DELETE FROM search_index WHERE rowid = @row AND resource_key = @key")
            .WithInt64("@key", resourceKey)
            .WithInt64("@row", 0);
        var row = command.Parameters["@row"];
        foreach (var key in rowKeys)
        {
            row.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts rows for a resource, the database's way (<see cref="RelationalProvider.InsertIndexRowsAsync"/>).</summary>
    public static ValueTask AddAsync(WriteBatch batch, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? ValueTask.CompletedTask : batch.Db.Provider.InsertIndexRowsAsync(batch, resourceKey, resourceType, rows, cancellationToken);
}

/// <summary>The index rows a write removes (by <see cref="RelationalProvider.IndexRowKey"/>) and adds.</summary>
internal sealed record IndexChange(IReadOnlyList<object> Removed, IReadOnlyList<IndexRow> Added);
