using System.Net.Sockets;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FhirGateway.Storage.Tests.Relational;

/// <summary>
/// Which database errors mean "unavailable" (503, try again later) and which are the statement's own (500): an
/// outage must not read as a bug, and a slow or faulty statement must not invite clients to send it again.
/// </summary>
public sealed class UnavailabilityTests
{
    [Theory]
    [InlineData("08006", true)]  // connection_failure
    [InlineData("08001", true)]  // sqlclient_unable_to_establish_sqlconnection
    [InlineData("57P01", true)]  // admin_shutdown
    [InlineData("57P03", true)]  // cannot_connect_now
    [InlineData("53300", true)]  // too_many_connections
    [InlineData("53100", true)]  // disk_full
    [InlineData("08P01", false)] // protocol_violation: a fault
    [InlineData("57014", false)] // query_canceled: a statement past its timeout
    [InlineData("40P01", false)] // deadlock_detected: transient, retried as such
    [InlineData("23505", false)] // unique_violation
    public void PostgreSQL_server_errors(string sqlState, bool unavailable)
    {
        Assert.Equal(unavailable, PostgresUnavailability.Of(new PostgresException("m", "ERROR", "ERROR", sqlState)));
    }

    [Fact]
    public void PostgreSQL_client_errors()
    {
        Assert.True(PostgresUnavailability.Of(new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(PostgresUnavailability.Of(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(PostgresUnavailability.Of(new NpgsqlException("Failed to connect to 10.0.0.1:5432", new TimeoutException())));
        Assert.True(PostgresUnavailability.Of(new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size'", new TimeoutException())));
        Assert.False(PostgresUnavailability.Of(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.False(PostgresUnavailability.Of(new InvalidOperationException("not a database error")));
    }

    [Theory]
    [InlineData(14, true)]  // SQLITE_CANTOPEN
    [InlineData(13, true)]  // SQLITE_FULL
    [InlineData(5, false)]  // SQLITE_BUSY: transient, retried as such
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(1, false)]  // SQLITE_ERROR
    public async Task SQLite_errors(int code, bool unavailable)
    {
        await using var provider = new SqliteProvider(Options.Create(new SqliteStoreOptions { Path = Path.Combine(Path.GetTempPath(), "unused.db") }), NullLogger<SqliteProvider>.Instance);

        Assert.Equal(unavailable, provider.IsUnavailable(new SqliteException("m", code)));
    }
}
