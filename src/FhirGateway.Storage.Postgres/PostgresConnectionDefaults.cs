using System.Data.Common;
using Npgsql;

namespace FhirGateway.Storage.Postgres;

/// <summary>
/// The Npgsql settings the gateway runs with unless the connection string sets them itself. The store's statements
/// are a small fixed set (parameterized, so one text per statement shape), and it never leaves session state behind.
/// </summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>
    /// <c>Max Auto Prepare</c>: statements run this often on a physical connection become server-side prepared
    /// statements, parsed and planned once per connection instead of per execution
    /// (https://www.npgsql.org/doc/prepare.html#automatic-preparation).
    /// </summary>
    public const int MaxAutoPrepare = 256;

    /// <summary>
    /// <c>No Reset On Close</c>: a connection returned to the pool is not reset (with prepared statements Npgsql's
    /// reset runs <c>RESET ALL; CLOSE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>
    /// with the next statement). The store sets no session state: its only lock is transaction-scoped
    /// (<c>pg_advisory_xact_lock</c>), it uses no temporary tables, cursors, LISTEN or SET.
    /// </summary>
    public const bool NoResetOnClose = true;

    /// <summary>The connection string with the gateway's defaults added where the user left them unset.</summary>
    public static string Apply(string connectionString)
    {
        // A plain builder holds only the keys the user wrote (Npgsql's own answers for every keyword it knows).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = written.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!keys.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = NoResetOnClose;
        }

        return builder.ConnectionString;
    }
}
