using System.Net.Sockets;
using Npgsql;

namespace FhirGateway.Storage.Postgres;

/// <summary>
/// Which PostgreSQL errors mean the database cannot be reached or take work (503), as against a statement that
/// failed or ran too long (500): https://www.postgresql.org/docs/current/errcodes-appendix.html.
/// </summary>
internal static class PostgresUnavailability
{
    public static bool Of(Exception exception) => exception switch
    {
        // Class 08 (connection exception) but 08P01, a protocol violation, which is a fault, not an outage; 53100
        // disk full and 53300 too many connections; 57P01-57P03: the server shutting down or not yet taking connections.
        PostgresException p => (p.SqlState.StartsWith("08", StringComparison.Ordinal) && p.SqlState != PostgresErrorCodes.ProtocolViolation) ||
            p.SqlState is PostgresErrorCodes.DiskFull or PostgresErrorCodes.TooManyConnections or
                PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,

        // The client's own: the connection refused, reset or closed (socket and I/O errors), or no connection to be had
        // in time (connecting, or waiting for the pool). A command that ran past its timeout on an open connection is
        // the statement's fault: Npgsql cancels it on the server, which answers 57014, a PostgresException.
        NpgsqlException n => n.InnerException is SocketException or IOException || (n.InnerException is TimeoutException && !HasConnected(n)),
        _ => false,
    };

    // Npgsql words the two waits that come before any statement: "Failed to connect to ..." and "The connection pool
    // has been exhausted ...".
    private static bool HasConnected(NpgsqlException exception) =>
        !exception.Message.StartsWith("Failed to connect", StringComparison.Ordinal) &&
        !exception.Message.Contains("pool has been exhausted", StringComparison.Ordinal);
}
