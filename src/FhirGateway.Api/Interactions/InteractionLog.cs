namespace FhirGateway.Api.Interactions;

/// <summary>Log messages of the REST interactions (event ids 1100-1199). Never ids, bodies or patient data: types and counts only.</summary>
internal static partial class InteractionLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Conditional {Interaction} of a {ResourceType} lost a race to a concurrent write (attempt {Attempt}); starting again")]
    public static partial void ConcurrentRetry(ILogger logger, string interaction, string resourceType, int attempt);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Transaction Bundle of {EntryCount} entries aborted by the database for a concurrent one (attempt {Attempt}); running it again")]
    public static partial void TransactionRetry(ILogger logger, Exception exception, int entryCount, int attempt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "{BundleType} Bundle of {EntryCount} entries processed: {Failed} failed")]
    public static partial void BundleProcessed(ILogger logger, string bundleType, int entryCount, int failed);
}
