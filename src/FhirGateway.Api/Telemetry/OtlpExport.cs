using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace FhirGateway.Api.Telemetry;

/// <summary>Where and how the three signals are exported.</summary>
internal sealed class OtlpExport(TelemetryOptions options, Uri endpoint)
{
    public Uri Endpoint => endpoint;

    public string Protocol => options.OtlpProtocol;

    public ResourceBuilder Resource() =>
        ResourceBuilder.CreateDefault().AddService(options.ServiceName, serviceVersion: typeof(OtlpExport).Assembly.GetName().Version?.ToString());

    /// <summary>Configures the exporter of one signal; <paramref name="signalPath"/> is e.g. <c>v1/traces</c>.</summary>
    public void Configure(OtlpExporterOptions exporter, string signalPath)
    {
        if (options.OtlpProtocol == TelemetryOptions.HttpProtobuf)
        {
            // An endpoint set in code is used as given over HTTP, so the per-signal path is added here
            // (https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp).
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
