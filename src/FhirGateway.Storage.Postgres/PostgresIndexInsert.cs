using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace FhirGateway.Storage.Postgres;

/// <summary>
/// A resource's index rows in one INSERT of column arrays (<c>unnest</c>): 17 parameters whatever the number of rows,
/// and one statement text, prepared once per connection, instead of 15 parameters per row in statements whose text
/// (and so their prepared plan) changed with the number of rows. Values have the representations of
/// <see cref="PostgresProvider"/>: <c>timestamptz</c>, <c>numeric</c>, text.
/// </summary>
internal static class PostgresIndexInsert
{
    // https://www.postgresql.org/docs/15/functions-array.html: unnest with several arrays yields one row per element
    // position, the columns side by side.
    private const string Sql =
        "INSERT INTO search_index (resource_key, resource_type, param, kind, system, code, text_norm, text_exact, date_low, date_high, " +
        "ref_type, ref_id, ref_url, num_value, num_high, grp, uri) " +
        "SELECT @key, @type, u.* FROM unnest(@param, @kind, @system, @code, @norm, @exact, @low, @high, @rtype, @rid, @url, @num, @high_num, @grp, @uri) AS u";

    /// <summary>The INSERT of <paramref name="rows"/>, for the caller to run (in a write's batch).</summary>
    public static NpgsqlCommand Command(DbSession db, long resourceKey, string resourceType, IReadOnlyList<IndexRow> rows)
    {
        var n = rows.Count;
        var param = new string[n];
        var kind = new int[n];
        var system = new string?[n];
        var code = new string?[n];
        var norm = new string?[n];
        var exact = new string?[n];
        var low = new DateTime?[n];
        var high = new DateTime?[n];
        var rtype = new string?[n];
        var rid = new string?[n];
        var url = new string?[n];
        var num = new decimal?[n];
        var highNum = new decimal?[n];
        var grp = new int?[n];
        var uri = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            param[i] = row.Parameter;
            kind[i] = (int)row.Kind;
            system[i] = row.System;
            code[i] = row.Code;
            norm[i] = row.Normalized;
            exact[i] = row.Exact;
            low[i] = row.Low?.UtcDateTime;
            high[i] = row.High?.UtcDateTime;
            rtype[i] = row.ReferenceType;
            rid[i] = row.ReferenceId;
            url[i] = row.ReferenceUrl;
            num[i] = row.Value;
            highNum[i] = row.StoredHigh;
            grp[i] = row.Group;
            uri[i] = row.Uri;
        }

        var command = (NpgsqlCommand)db.Command(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = resourceKey });
        p.Add(new NpgsqlParameter<string>("type", NpgsqlDbType.Text) { TypedValue = resourceType });
        p.Add(new NpgsqlParameter<string[]>("param", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = param });
        p.Add(new NpgsqlParameter<int[]>("kind", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = kind });
        Text(p, "system", system);
        Text(p, "code", code);
        Text(p, "norm", norm);
        Text(p, "exact", exact);
        p.Add(new NpgsqlParameter<DateTime?[]>("low", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = low });
        p.Add(new NpgsqlParameter<DateTime?[]>("high", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = high });
        Text(p, "rtype", rtype);
        Text(p, "rid", rid);
        Text(p, "url", url);
        p.Add(new NpgsqlParameter<decimal?[]>("num", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = num });
        p.Add(new NpgsqlParameter<decimal?[]>("high_num", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = highNum });
        p.Add(new NpgsqlParameter<int?[]>("grp", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = grp });
        Text(p, "uri", uri);
        return command;
    }

    private static void Text(NpgsqlParameterCollection parameters, string name, string?[] values) =>
        parameters.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values });
}
