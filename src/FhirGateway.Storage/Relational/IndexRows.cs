using System.Globalization;
using System.Text;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Statements on <c>search_index</c>: one table for every kind, each kind using its own columns, with a partial
/// index per kind. Only the current version of a resource has rows; a write replaces them.
/// </summary>
internal static class IndexRows
{
    private const string Insert =
        "INSERT INTO search_index (resource_key, resource_type, param, kind, system, code, text_norm, text_exact, " +
        "date_low, date_high, ref_type, ref_id, ref_url, num_value, num_high, grp, uri) VALUES ";

    /// <summary>Removes a resource's rows.</summary>
    public static async Task RemoveAllAsync(DbSession db, long resourceKey, CancellationToken cancellationToken)
    {
        await using var command = db.Command("DELETE FROM search_index WHERE resource_key = @key").WithInt64("@key", resourceKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces a resource's rows with <paramref name="rows"/>, writing only the difference: an update usually changes
    /// a few elements, so most of a Patient's ~43 rows are the same before and after, and each row deleted and
    /// inserted again cost the table and two indexes a change (docs/benchmarks.md, issue 4). The rows are compared as
    /// multisets of stored values (two identical given names are two rows, kept or removed one for one). The caller
    /// holds the resource's row lock, so the row keys read here stay valid until the delete.
    /// </summary>
    public static async Task ReplaceAsync(DbSession db, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
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

        if (removed.Count > 0)
        {
            await provider.DeleteIndexRowsAsync(db, resourceKey, removed, cancellationToken);
        }

        await AddAsync(db, resourceKey, resourceType, added, cancellationToken);
    }

    /// <summary>Removes rows of a resource by their row keys (<see cref="RelationalProvider.IndexRowKey"/>), one statement reused per row.</summary>
    public static async Task DeleteByRowIdAsync(DbSession db, long resourceKey, IReadOnlyList<object> rowKeys, CancellationToken cancellationToken)
    {
        await using var command = db.Command("DELETE FROM search_index WHERE rowid = @row AND resource_key = @key")
            .WithInt64("@key", resourceKey)
            .WithInt64("@row", 0);
        var row = command.Parameters["@row"];
        foreach (var key in rowKeys)
        {
            row.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The statement for n rows, built once per n.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Statements = new();

    /// <summary>Inserts rows for a resource, the database's way (<see cref="RelationalProvider.InsertIndexRowsAsync"/>).</summary>
    public static Task AddAsync(DbSession db, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : db.Provider.InsertIndexRowsAsync(db, resourceKey, resourceType, rows, cancellationToken);

    /// <summary>Inserts rows for a resource, <see cref="RelationalProvider.IndexRowsPerStatement"/> per statement.</summary>
    public static async Task InsertAsync(DbSession db, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var perStatement = db.Provider.IndexRowsPerStatement;
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var command = db.Command(Statements.GetOrAdd(count, Statement)).WithInt64("@key", resourceKey).WithText("@type", resourceType);
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                var n = Names(i);
                command.WithText(n[0], row.Parameter)
                    .WithInt32(n[1], (int)row.Kind)
                    .WithText(n[2], row.System)
                    .WithText(n[3], row.Code)
                    .WithText(n[4], row.Normalized)
                    .WithText(n[5], row.Exact)
                    .WithTimestamp(db.Provider, n[6], row.Low)
                    .WithTimestamp(db.Provider, n[7], row.High)
                    .WithText(n[8], row.ReferenceType)
                    .WithText(n[9], row.ReferenceId)
                    .WithText(n[10], row.ReferenceUrl);
                db.Provider.AddDecimal(command, n[11], row.Value);
                db.Provider.AddDecimal(command, n[12], row.ValueHigh ?? row.Value);
                command.With(n[13], row.Group, System.Data.DbType.Int32)
                    .WithText(n[14], row.Uri);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Statement(int count)
    {
        var sql = new StringBuilder(Insert);
        for (var i = 0; i < count; i++)
        {
            var p = Prefix(i);
            sql.Append(i == 0 ? "(" : ", (")
                .Append(CultureInfo.InvariantCulture, $"@key, @type, {p}param, {p}kind, {p}system, {p}code, {p}norm, {p}exact, ")
                .Append(CultureInfo.InvariantCulture, $"{p}low, {p}high, {p}rtype, {p}rid, {p}url, {p}num, {p}high_num, {p}grp, {p}uri)");
        }

        return sql.ToString();
    }

    // The parameter names of each row position, built once: 15 string concatenations per row were a measurable part
    // of the allocations of a write.
    private static readonly string[] Columns = ["param", "kind", "system", "code", "norm", "exact", "low", "high", "rtype", "rid", "url", "num", "high_num", "grp", "uri"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string[]> RowNames = new();

    private static string[] Names(int row) => RowNames.GetOrAdd(row, r => Array.ConvertAll(Columns, c => Prefix(r) + c));

    private static string Prefix(int row) => "@r" + row.ToString(CultureInfo.InvariantCulture) + "_";
}
