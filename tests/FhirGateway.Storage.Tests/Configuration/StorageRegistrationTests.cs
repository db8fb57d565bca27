using FhirGateway.Storage.Outbox;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Sqlite;
using FhirGateway.Storage.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirGateway.Storage.Tests.Configuration;

/// <summary>AddSqliteResourceStore and AddPostgresResourceStore, the Storage:* keys and start-up validation.</summary>
public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fhirgateway-store-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => SqliteFiles.Delete(_folder);

    [Fact]
    public async Task Sqlite_is_the_default_and_start_up_creates_and_migrates_the_file()
    {
        var path = Path.Combine(_folder, "nested", "store.db");
        await using var services = Build(new() { ["Storage:Sqlite:Path"] = path });

        await StartAsync(services);

        Assert.True(File.Exists(path));
        var store = services.GetRequiredService<IResourceStore>();
        Assert.Same(store, services.GetRequiredService<IOutbox>());
        Assert.Equal("sqlite", ((RelationalResourceStore)store).Provider.SystemName);
        Assert.Equal(WriteStatus.Created, (await store.CreateAsync(TestResources.PatientWrite("Chalmers"))).Status);
    }

    [Fact]
    public async Task The_default_sqlite_path_is_data_fhirgateway_db()
    {
        await using var services = Build([]);

        Assert.Equal("data/fhirgateway.db", services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_start_up()
    {
        await using var services = Build(new() { ["Storage:Provider"] = "Postgres" });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(services));

        Assert.Contains("Storage:Postgres:ConnectionString is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_the_host_did_not_register_stops_start_up()
    {
        await using var services = Build(new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = "Host=127.0.0.1;Database=x" }, postgres: false);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(services));

        Assert.Contains("Storage:Provider is Postgres, but the host registers only Sqlite", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_unsafe_sqlite_setting_is_reported_at_once()
    {
        await using var services = Build(new() { ["Storage:Sqlite:Path"] = ":memory:", ["Storage:Sqlite:BusyTimeout"] = "00:00:00", ["Storage:Sqlite:MmapSize"] = "-1", ["Storage:Sqlite:WriterCacheSize"] = "4096" });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(services));

        Assert.Contains("not an in-memory name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout must be between", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MmapSize must be 0 (off) or a positive number", failure.Message, StringComparison.Ordinal);
        Assert.Contains("WriterCacheSize must be at least", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_connection_strings_are_checked_without_echoing_them()
    {
        await using var detail = Build(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = "Host=127.0.0.1;Database=x;Include Error Detail=true",
        });
        await using var garbage = Build(new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = "Password=secret-value;nonsense" });

        var detailFailure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(detail));
        var garbageFailure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(garbage));

        Assert.Contains("must not set Include Error Detail", detailFailure.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid PostgreSQL connection string", garbageFailure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", garbageFailure.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Postgres_is_chosen_by_configuration()
    {
        await using var database = await PostgresHarness.CreateAsync();
        await using var services = Build(new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = database.Target });

        await StartAsync(services);

        var store = services.GetRequiredService<IResourceStore>();
        Assert.Equal("postgresql", ((RelationalResourceStore)store).Provider.SystemName);
        Assert.Equal(WriteStatus.Created, (await store.CreateAsync(TestResources.PatientWrite("Chalmers"))).Status);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, bool postgres = true)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddSqliteResourceStore();
        if (postgres)
        {
            services.AddPostgresResourceStore();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>What the host does at start: validate options, then start the hosted services.</summary>
    private static async Task StartAsync(IServiceProvider services)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
