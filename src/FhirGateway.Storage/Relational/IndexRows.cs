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

    // The statement for n rows, built once per n.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Statements = new();

    /// <summary>Inserts rows for a resource, <see cref="RelationalProvider.IndexRowsPerStatement"/> per statement.</summary>
    public static async Task AddAsync(DbSession db, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var perStatement = db.Provider.IndexRowsPerStatement;
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var command = db.Command(Statements.GetOrAdd(count, Statement)).WithInt64("@key", resourceKey).WithText("@type", resourceType);
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                var p = Prefix(i);
                command.WithText(p + "param", row.Parameter)
                    .WithInt32(p + "kind", (int)row.Kind)
                    .WithText(p + "system", row.System)
                    .WithText(p + "code", row.Code)
                    .WithText(p + "norm", row.Normalized)
                    .WithText(p + "exact", row.Exact)
                    .WithTimestamp(db.Provider, p + "low", row.Low)
                    .WithTimestamp(db.Provider, p + "high", row.High)
                    .WithText(p + "rtype", row.ReferenceType)
                    .WithText(p + "rid", row.ReferenceId)
                    .WithText(p + "url", row.ReferenceUrl);
                db.Provider.AddDecimal(command, p + "num", row.Value);
                db.Provider.AddDecimal(command, p + "high_num", row.ValueHigh ?? row.Value);
                command.With(p + "grp", row.Group, System.Data.DbType.Int32)
                    .WithText(p + "uri", row.Uri);
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

    private static string Prefix(int row) => "@r" + row.ToString(CultureInfo.InvariantCulture) + "_";
}
