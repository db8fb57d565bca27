using FhirGateway.Fhir.Model;
using FhirGateway.Search.Configuration;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Query;
using FhirGateway.Storage;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FhirGateway.Search.Tests.Support;

/// <summary>
/// A fresh database of one provider (a SQLite file, or a PostgreSQL schema) with the store and search registered as
/// a host registers them, and helpers to write resources and search.
/// </summary>
internal sealed class SearchHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://gateway.example.org/fhir";

    private readonly ServiceProvider _services;
    private readonly Func<Task> _drop;

    private SearchHarness(ServiceProvider services, TestClock clock, Func<Task> drop)
    {
        Clock = clock;
        _services = services;
        _drop = drop;
        Store = services.GetRequiredService<IResourceStore>();
        Search = services.GetRequiredService<SearchService>();
        Indexer = services.GetRequiredService<SearchIndexer>();
    }

    public IResourceStore Store { get; }

    public SearchService Search { get; }

    public SearchIndexer Indexer { get; }

    public TestClock Clock { get; }

    /// <summary>Search settings of the harnesses created from now on in this test (configuration keys under <c>Search:</c>).</summary>
    public static readonly AsyncLocal<Dictionary<string, string?>?> ExtraSettings = new();

    public static Task<SearchHarness> SqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fhirgateway-search-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new TestClock();
        var services = Build(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "store.db"),
        }, clock, s => s.AddSqliteResourceStore());
        return Task.FromResult(new SearchHarness(services, clock, () =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }));
    }

    public static async Task<SearchHarness> PostgresAsync()
    {
        var admin = PostgresEnvironment.RequireConnectionString();
        var schema = "s_" + Guid.NewGuid().ToString("N");
        await AdminAsync(admin, $"CREATE SCHEMA \"{schema}\"");
        var clock = new TestClock();
        var services = Build(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ConnectionString,
        }, clock, s => s.AddPostgresResourceStore());
        return new SearchHarness(services, clock, () => AdminAsync(admin, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    }

    /// <summary>Creates a resource from JSON with its index rows; returns its id.</summary>
    public async Task<string> CreateAsync(string json) => await CreateAsync(Resources.Json(json));

    public async Task<string> CreateAsync(ElementNode resource)
    {
        var result = await Store.CreateAsync(Indexer.PrepareWrite(resource));
        Assert.Equal(WriteStatus.Created, result.Status);
        return result.Version!.Id;
    }

    /// <summary>Updates a resource (id in the JSON's id) with its index rows.</summary>
    public async Task UpdateAsync(string id, string json)
    {
        var result = await Store.UpdateAsync(id, Indexer.PrepareWrite(Resources.Json(json)), new UpdateOptions { AllowCreate = true });
        Assert.True(result.Status is WriteStatus.Updated or WriteStatus.Created, result.Status.ToString());
    }

    /// <summary>Writes official R4 examples (file names such as <c>Observation-satO2.json</c>) under their own ids.</summary>
    public async Task PutExamplesAsync(params string[] names)
    {
        foreach (var name in names)
        {
            var resource = OfficialExamples.Get(name);
            var result = await Store.UpdateAsync(resource.Child("id")!.Value!, Indexer.PrepareWrite(resource), new UpdateOptions { AllowCreate = true });
            Assert.True(result.Status is WriteStatus.Updated or WriteStatus.Created, result.Status.ToString());
        }
    }

    /// <summary>Searches with a query string such as <c>name=peter&amp;_count=2</c>.</summary>
    public Task<SearchOutcome> SearchAsync(string? type, string query, SearchOptions? options = null) =>
        Search.SearchAsync(type, QueryStrings.Parse(query), options ?? new SearchOptions { BaseUrl = BaseUrl });

    /// <summary>Searches and returns the ids of the matches, in order; fails on an invalid request.</summary>
    public async Task<List<string>> IdsAsync(string? type, string query, SearchOptions? options = null)
    {
        var outcome = await SearchAsync(type, query, options);
        Assert.True(outcome.IsValid, string.Join("; ", outcome.Issues));
        return outcome.Matches.Select(m => m.Id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _drop();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, TestClock clock, Action<IServiceCollection> store)
    {
        settings["Search:LocalBaseUrls:0"] = BaseUrl;
        foreach (var (key, value) in ExtraSettings.Value ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        store(services);
        services.AddFhirSearch();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
