using System.Diagnostics;
using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.Hosting;

/// <summary>Settings are validated at start-up, and every problem is reported at once.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Invalid_settings_stop_the_start_and_are_all_reported()
    {
        // The built gateway as its own process: a failed start is observed exactly as an operator sees it
        // (WebApplicationFactory can surface a disposal race instead of the start-up exception).
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FhirGateway.Api.dll"));
        start.Environment["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0";
        start.Environment["Fhir__PublicBaseUrl"] = "ftp://gateway.example.org/fhir";
        start.Environment["Telemetry__OtlpEndpoint"] = "not a url";
        start.Environment["Telemetry__OtlpProtocol"] = "carrier-pigeon";
        start.Environment["Fhir__MaxRequestBodyBytes"] = "10";
        start.Environment["Fhir__MaxBundleEntries"] = "0";
        start.Environment["Storage__Provider"] = "Postgres";
        start.Environment["RateLimiting__Enabled"] = "true";
        start.Environment["RateLimiting__ConcurrentRequestsPerClient"] = "-1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the gateway started despite invalid settings");
        }

        var output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Fhir:PublicBaseUrl", output, StringComparison.Ordinal);
        Assert.Contains("Telemetry:OtlpEndpoint", output, StringComparison.Ordinal);
        Assert.Contains("Telemetry:OtlpProtocol", output, StringComparison.Ordinal);
        Assert.Contains("Fhir:MaxRequestBodyBytes", output, StringComparison.Ordinal);
        Assert.Contains("Fhir:MaxBundleEntries", output, StringComparison.Ordinal);
        Assert.Contains("Storage:Postgres:ConnectionString", output, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:ConcurrentRequestsPerClient must be from 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Host_starts_and_serves_with_otlp_export_configured(string protocol)
    {
        // Nothing listens on the collector port: export failures must not affect requests.
        using var gateway = new SqliteGateway();
        using var factory = gateway.WithWebHostBuilder(b => b
            .UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:9")
            .UseSetting("Telemetry:OtlpProtocol", protocol));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/fhir/metadata");

        await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }
}
