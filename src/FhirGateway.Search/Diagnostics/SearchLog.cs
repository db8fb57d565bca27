using Microsoft.Extensions.Logging;

namespace FhirGateway.Search.Diagnostics;

/// <summary>Log messages of search; event ids 3000-3099. Never parameter values: they hold patient data.</summary>
internal static partial class SearchLog
{
    [LoggerMessage(3000, LogLevel.Information, "Search parameters loaded: {Count} definitions, {Custom} from the gateway's own files")]
    public static partial void Loaded(ILogger logger, int count, int custom);

    [LoggerMessage(3001, LogLevel.Information, "Search parameter notice from {Source}: {Message}")]
    public static partial void Notice(ILogger logger, string source, string message);
}
