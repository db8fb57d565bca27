namespace FhirGateway.Api.Telemetry;

/// <summary>Log messages of the telemetry component (event ids 1300-1399).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Exporting traces, metrics and logs over OTLP ({Protocol}) to {Endpoint}")]
    public static partial void ExportEnabled(ILogger logger, string protocol, Uri endpoint);
}
