namespace FhirGateway.Api.RateLimiting;

/// <summary>Log messages of the rate limiting component (event ids 1400-1499); they never name the client.</summary>
internal static partial class RateLimitingLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Rate limiting on: {Concurrent} concurrent requests and {PerSecond} requests per second (burst {Burst}) per client; 0 is no limit")]
    public static partial void Enabled(ILogger logger, int concurrent, int perSecond, int burst);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Throttled {Method} {Path}: 429, retry after {RetryAfter} s")]
    public static partial void Throttled(ILogger logger, string method, string path, int retryAfter);
}
