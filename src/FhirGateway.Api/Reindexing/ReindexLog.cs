namespace FhirGateway.Api.Reindexing;

/// <summary>The reindexer's log messages (event ids 1500-1599): resource types and counts, never ids or content.</summary>
internal static partial class ReindexLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Reindex ({Scope}): {Stale} resources have index rows of other search parameter definitions than {Fingerprint}; reindexing")]
    public static partial void Started(ILogger logger, string scope, long stale, string fingerprint);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Reindex ({Scope}): batch of {Count} read, {Replaced} replaced")]
    public static partial void Batch(ILogger logger, string scope, int count, int replaced);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Reindex ({Scope}): {Replaced} of {Examined} resources reindexed, {Failed} unreadable, in {Seconds:0.0} s")]
    public static partial void Finished(ILogger logger, string scope, long replaced, long examined, long failed, double seconds);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Reindex ({Scope}): every resource's index rows are current ({Fingerprint})")]
    public static partial void Current(ILogger logger, string scope, string fingerprint);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Reindex: a stored {ResourceType} could not be read ({Issue}); its index rows are left as they are")]
    public static partial void Unreadable(ILogger logger, string resourceType, string issue);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Reindex ({Scope}): the database was busy (attempt {Attempt}); running the batch again")]
    public static partial void Busy(ILogger logger, Exception exception, string scope, int attempt);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error, Message = "Reindex at start-up failed; resources not yet reindexed stay unsearchable by new parameters until POST [base]/$reindex or the next start")]
    public static partial void StartupFailed(ILogger logger, Exception exception);
}
