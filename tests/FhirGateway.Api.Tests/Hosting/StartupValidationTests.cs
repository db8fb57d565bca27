using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.Hosting;

/// <summary>Settings are validated at start-up, and every problem is reported at once.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void Invalid_settings_stop_the_start_and_are_all_reported()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Fhir:PublicBaseUrl", "ftp://gateway.example.org/fhir")
            .UseSetting("Telemetry:OtlpEndpoint", "not a url")
            .UseSetting("Telemetry:OtlpProtocol", "carrier-pigeon"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = error.ToString();
        Assert.Contains("Fhir:PublicBaseUrl", messages, StringComparison.Ordinal);
        Assert.Contains("Telemetry:OtlpEndpoint", messages, StringComparison.Ordinal);
        Assert.Contains("Telemetry:OtlpProtocol", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Host_starts_and_serves_with_otlp_export_configured(string protocol)
    {
        // Nothing listens on the collector port: export failures must not affect requests.
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:9")
            .UseSetting("Telemetry:OtlpProtocol", protocol));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/fhir/metadata");

        await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }
}
