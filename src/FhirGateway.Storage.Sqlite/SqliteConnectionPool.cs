using System.Collections.Concurrent;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// Open connections (with their prepared statements) waiting for the next operation. A connection comes back only
/// when it is open and outside any transaction; beyond <see cref="MaxIdle"/> idle ones it is closed.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString) : IDisposable
{
    private const int MaxIdle = 32;

    private readonly ConcurrentBag<ReusableSqliteConnection> _idle = [];
    private ReusableSqliteConnection? _writer;
    private volatile bool _disposed;

    /// <summary>An idle open connection (<paramref name="opened"/> true), or a new one for the caller to open and configure.</summary>
    public ReusableSqliteConnection Rent(out bool opened)
    {
        if (_idle.TryTake(out var connection))
        {
            opened = true;
            return connection;
        }

        opened = false;
        return new ReusableSqliteConnection(connectionString, this, writer: false);
    }

    /// <summary>
    /// The writers' connection (<paramref name="opened"/> true), or a new one for the caller to open and configure.
    /// Only the holder of the provider's writer gate asks for it, so there is at most one.
    /// </summary>
    public ReusableSqliteConnection RentWriter(out bool opened)
    {
        if (Interlocked.Exchange(ref _writer, null) is { } writer)
        {
            opened = true;
            return writer;
        }

        opened = false;
        return new ReusableSqliteConnection(connectionString, this, writer: true);
    }

    public bool TryReturn(ReusableSqliteConnection connection)
    {
        // A connection whose settings did not all apply (cancelled or failed part-way) is closed, not kept.
        if (_disposed || !connection.Configured || connection.State != System.Data.ConnectionState.Open ||
            connection.Handle is not { } handle || SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            return false;
        }

        // The writers' connection has a slot of its own, whatever the number of idle readers.
        if (connection.IsWriter)
        {
            // Disposed twice, it finds itself already there.
            var held = Interlocked.CompareExchange(ref _writer, connection, null);
            return held is null || ReferenceEquals(held, connection);
        }

        if (_idle.Count >= MaxIdle)
        {
            return false;
        }

        _idle.Add(connection);
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _writer, null)?.Dispose();
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
