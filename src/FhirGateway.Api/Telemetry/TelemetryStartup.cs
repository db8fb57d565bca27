using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FhirGateway.Api.Telemetry;

/// <summary>Creates the tracer and meter providers when the host starts (they listen from then on) and says where they export.</summary>
internal sealed class TelemetryStartup(TracerProvider tracerProvider, MeterProvider meterProvider, OtlpExport export, ILogger<TelemetryStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracerProvider);
        GC.KeepAlive(meterProvider);
        TelemetryLog.ExportEnabled(logger, export.Protocol, export.Endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
