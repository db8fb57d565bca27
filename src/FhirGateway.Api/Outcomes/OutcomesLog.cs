namespace FhirGateway.Api.Outcomes;

/// <summary>Log messages of the error handling (event ids 1000-1099). Never log bodies, tokens or patient data.</summary>
internal static partial class OutcomesLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in {Method} {Route}; answered 500 with trace id {TraceId}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string exceptionType, string method, string route, string traceId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Refused {Method} {Route} with {StatusCode} ({IssueType})")]
    public static partial void RequestRefused(ILogger logger, string method, string route, int statusCode, string issueType);
}
