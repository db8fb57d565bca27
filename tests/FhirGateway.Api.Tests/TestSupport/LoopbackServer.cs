using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// The real host on Kestrel, on a loopback port the system chooses (the Kestrel endpoint of appsettings.json moved
/// there), with any further settings; called over a real socket.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private LoopbackServer(WebApplicationFactory<Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>The address Kestrel listens on, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    public static LoopbackServer Start(GatewayFactory gateway, params (string Key, string Value)[] settings)
    {
        var factory = gateway.WithWebHostBuilder(b =>
        {
            b.UseSetting("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = Assert.Single(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
        return new LoopbackServer(factory, new Uri(address));
    }

    /// <summary>A client of the socket (not the in-memory test server).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public void Dispose() => _factory.Dispose();
}
