using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Diagnostics;

/// <summary>
/// The store's log messages (event ids 2000-2099; providers use 2100-2199). They name resource types, ids of
/// database objects and counts, never resource content or identity key values (those carry patient identifiers).
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Storage ({DbSystem}): applied schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, string dbSystem, int version, string name);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Storage ({DbSystem}): schema at version {Version}")]
    public static partial void SchemaReady(ILogger logger, string dbSystem, int version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Storage ({DbSystem}): transient failure in {Operation}, attempt {Attempt}; retrying")]
    public static partial void TransientRetry(ILogger logger, Exception exception, string dbSystem, string operation, int attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Storage: a conditional claim or id of a {ResourceType} changed hands during the write; retrying")]
    public static partial void ClaimRace(ILogger logger, string resourceType);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Outbox: worker {Worker} leased {Count} items")]
    public static partial void OutboxLeased(ILogger logger, string worker, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Outbox: the lease of item {ItemId} had passed to another worker")]
    public static partial void OutboxLeaseLost(ILogger logger, long itemId);
}
