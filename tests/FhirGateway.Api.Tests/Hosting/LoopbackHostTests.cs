using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Api.Tests.Hosting;

/// <summary>The real host on Kestrel, on a free loopback port, called over a real socket.</summary>
public sealed class LoopbackHostTests
{
    [Fact]
    public async Task Kestrel_on_loopback_serves_metadata_and_health()
    {
        // The Kestrel endpoint from appsettings.json, moved to a port the system chooses.
        using var gateway = new SqliteGateway();
        using var factory = gateway
            .WithWebHostBuilder(b => b.UseSetting("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:0"));
        factory.UseKestrel();
        factory.StartServer();
        var address = Assert.Single(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
        var baseUri = new Uri(address);
        Assert.Equal("127.0.0.1", baseUri.Host);
        Assert.NotEqual(0, baseUri.Port);

        using var client = new HttpClient { BaseAddress = baseUri };
        using var metadata = await client.GetAsync("/fhir/metadata");
        using var health = await client.GetAsync("/healthz");
        using var missing = await client.GetAsync("/fhir/nothing-here");

        var statement = await FhirResponse.ReadAsync(metadata, "CapabilityStatement");
        Assert.Equal($"http://127.0.0.1:{baseUri.Port}/fhir", statement.Value("implementation.url"));
        Assert.Equal(200, (int)health.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(missing, 404, "not-found");
    }
}
