namespace FhirGateway.Api.Telemetry;

/// <summary>Settings of the OpenTelemetry export (configuration section <c>Telemetry</c>).</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public const string Grpc = "grpc";

    public const string HttpProtobuf = "http/protobuf";

    /// <summary>service.name on every span, metric and log record.</summary>
    public string ServiceName { get; set; } = "fhirgateway";

    /// <summary>The OTLP collector to export to (for example <c>http://127.0.0.1:4317</c>); nothing is exported when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP transport: <c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = Grpc;

    /// <summary>The collector's address when export is configured and valid.</summary>
    public Uri? ExportEndpoint =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
