using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FhirGateway.Api.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs, exported over OTLP only when an endpoint is configured.</summary>
internal static class TelemetryExtensions
{
    // The sources and meters .NET itself emits; the gateway's components add theirs here as they arrive.
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "FhirGateway.Rest", "FhirGateway.Storage"];

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        "FhirGateway.Rest",
        "FhirGateway.Storage",
    ];

    public static IHostApplicationBuilder AddGatewayTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // The logging pipeline is put together before the container exists, so whether to export is decided here,
        // from the configuration as the builder sees it; an invalid endpoint exports nothing and fails validation at start.
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.ExportEndpoint is not { } endpoint)
        {
            return builder;
        }

        var export = new OtlpExport(options, endpoint);
        builder.Services.AddSingleton(export);

        // Factory registrations, so the container disposes the providers at shutdown, which flushes what is buffered.
        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(export.Resource())
            .AddSource(Sources)
            .AddOtlpExporter(o => export.Configure(o, "v1/traces"))
            .Build());
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(export.Resource())
            .AddMeter(Meters)
            .AddOtlpExporter(o => export.Configure(o, "v1/metrics"))
            .Build());
        builder.Services.AddHostedService<TelemetryStartup>();
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(export.Resource());
            o.AddOtlpExporter(e => export.Configure(e, "v1/logs"));
        });
        return builder;
    }

    public static IApplicationBuilder UseGatewayTelemetry(this IApplicationBuilder app) => app.UseMiddleware<ServerSpanMiddleware>();
}
