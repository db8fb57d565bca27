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

    /// <summary>
    /// <c>SSL Mode=Disable</c> when every host is a loopback address (<c>127.0.0.0/8</c>, <c>::1</c>, <c>localhost</c>)
    /// and the connection string sets no TLS setting of its own. Npgsql's default <c>Prefer</c> encrypts whenever the
    /// server offers TLS (Debian's does), but loopback traffic never leaves the machine: encrypting it protects
    /// nothing and cost about a fifth of the throughput of a read by id (pgbench, docs/benchmarks.md, issue 4).
    /// </summary>
    public const SslMode LoopbackSslMode = SslMode.Disable;

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

        if (!keys.Any(k => k.StartsWith("Ssl", StringComparison.OrdinalIgnoreCase) || k.Contains("Certificate", StringComparison.OrdinalIgnoreCase)) &&
            IsLoopback(builder.Host))
        {
            builder.SslMode = LoopbackSslMode;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether every host of <c>Host</c> (a comma-separated list, each optionally with <c>:port</c>) is loopback.</summary>
    internal static bool IsLoopback(string? hosts)
    {
        if (string.IsNullOrWhiteSpace(hosts))
        {
            return false;
        }

        foreach (var entry in hosts.Split(',', StringSplitOptions.TrimEntries))
        {
            var host = entry;
            if (host.StartsWith('['))
            {
                // [::1]:5432
                var end = host.IndexOf(']', StringComparison.Ordinal);
                host = end > 0 ? host[1..end] : host;
            }
            else if (host.Count(c => c == ':') == 1)
            {
                host = host[..host.IndexOf(':', StringComparison.Ordinal)];
            }

            // RFC 6761 section 6.3: "localhost" names the loopback interface.
            var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
            if (!loopback)
            {
                return false;
            }
        }

        return true;
    }
}
