using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Sqlite;

/// <summary>The SQLite store's log messages (event ids 2100-2119).</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Storage: SQLite {Version}, database {Path}")]
    public static partial void Opened(ILogger logger, string version, string path);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Storage: SQLite maps {MappedBytes} bytes of the database per connection (Storage:Sqlite:MmapSize {RequestedBytes})")]
    public static partial void MemoryMap(ILogger logger, long mappedBytes, long requestedBytes);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Storage: a SQLite checkpoint failed; the WAL keeps every commit and the next commit checkpoints again")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
