using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>The real gateway host on a database of its own: a fresh SQLite file or PostgreSQL schema per factory.</summary>
public abstract class GatewayFactory : WebApplicationFactory<Program>
{
    /// <summary>The database, for test names and messages: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public abstract string Provider { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in StorageSettings())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The Storage:* settings that point the gateway at this factory's database (called when the host starts).</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> StorageSettings();
}
