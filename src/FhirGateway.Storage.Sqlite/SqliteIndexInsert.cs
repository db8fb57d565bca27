using FhirGateway.Storage.Indexing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// A connection's prepared INSERT of one <c>search_index</c> row, bound by position through SQLitePCLRaw and run once
/// per row. Through Microsoft.Data.Sqlite each row cost 17 parameter objects, each bound by name
/// (<c>sqlite3_bind_parameter_index</c> scans the statement's names) and each bind taking the statement's handle; with
/// about 43 rows per Patient, both showed in profiles of loading (docs/benchmarks.md, issue 4). The resource's
/// key and type stay bound between rows (<c>sqlite3_reset</c> keeps bindings); every other column is bound for
/// every row. Values have the representations of <see cref="SqliteProvider"/>: UTC ticks, REAL, text.
/// </summary>
internal sealed class SqliteIndexInsert : IDisposable
{
    private const string Sql =
        "INSERT INTO search_index (resource_key, resource_type, param, kind, system, code, text_norm, text_exact, date_low, date_high, " +
        "ref_type, ref_id, ref_url, num_value, num_high, grp, uri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteIndexInsert(sqlite3 db)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, Sql, out _statement));
    }

    /// <summary>Whether the statement belongs to the database handle <paramref name="db"/>.</summary>
    public bool Prepares(sqlite3 db) => ReferenceEquals(db, _db);

    /// <summary>Inserts the rows in the connection's current transaction.</summary>
    public void Run(long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows)
    {
        var s = _statement;
        try
        {
            Check(raw.sqlite3_bind_int64(s, 1, resourceKey));
            Check(raw.sqlite3_bind_text(s, 2, resourceType));
            foreach (var row in rows)
            {
                Check(raw.sqlite3_bind_text(s, 3, row.Parameter));
                Check(raw.sqlite3_bind_int(s, 4, (int)row.Kind));
                Text(s, 5, row.System);
                Text(s, 6, row.Code);
                Text(s, 7, row.Normalized);
                Text(s, 8, row.Exact);
                Int64(s, 9, row.Low?.UtcTicks);
                Int64(s, 10, row.High?.UtcTicks);
                Text(s, 11, row.ReferenceType);
                Text(s, 12, row.ReferenceId);
                Text(s, 13, row.ReferenceUrl);
                Real(s, 14, row.Value);
                Real(s, 15, row.StoredHigh);
                Int64(s, 16, row.Group);
                Text(s, 17, row.Uri);
                var rc = raw.sqlite3_step(s);
                if (rc != raw.SQLITE_DONE)
                {
                    raw.sqlite3_reset(s);
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }

                Check(raw.sqlite3_reset(s));
            }
        }
        finally
        {
            // Text bound with SQLITE_TRANSIENT is SQLite's copy; clearing frees it between resources.
            raw.sqlite3_clear_bindings(s);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Text(sqlite3_stmt s, int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(s, index) : raw.sqlite3_bind_text(s, index, value));

    private void Int64(sqlite3_stmt s, int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(s, index, v) : raw.sqlite3_bind_null(s, index));

    private void Real(sqlite3_stmt s, int index, decimal? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(s, index, (double)v) : raw.sqlite3_bind_null(s, index));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
