using FhirGateway.Api.Reindexing;
using FhirGateway.Api.Tests.Search;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Model;
using FhirGateway.Search.Indexing;
using FhirGateway.Storage.Indexing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirGateway.Api.Tests.Reindexing;

/// <summary>
/// Reindexing over HTTP (docs/search.md#reindexing) on each database: resources written by a gateway whose search
/// parameters lacked <c>family</c> are not found by it, until the gateway with every parameter reindexes them, at
/// start-up or by <c>POST [base]/$reindex</c>. Each test has a database of its own (counts are exact).
/// </summary>
public abstract class ReindexContract<TGateway>
    where TGateway : GatewayFactory, new()
{
    [DatabaseFact]
    public async Task Type_and_system_reindex_make_older_resources_searchable()
    {
        using var gateway = new TGateway();
        var family = SearchTestData.UniqueFamily();
        string[] ids;
        using (var before = WithoutFamily(gateway))
        {
            using var old = before.CreateClient();
            ids = [await old.CreateAsync("Patient", SearchTestData.Patient(family)), await old.CreateAsync("Patient", SearchTestData.Patient(family))];
            await old.CreateAsync("Observation", SearchTestData.Observation(ids[0], SearchTestData.UniqueCode()));
        }

        using var current = gateway.WithWebHostBuilder(b => b.UseSetting("Reindex:RunAtStartup", "false"));
        using var client = current.CreateClient();
        var otherFamily = SearchTestData.UniqueFamily();
        var written = await client.CreateAsync("Patient", SearchTestData.Patient(otherFamily));
        Assert.Empty((await client.SearchAsync($"/fhir/Patient?family={family}")).Entries("match"));
        Assert.Equal([$"Patient/{written}"], (await client.SearchAsync($"/fhir/Patient?family={otherFamily}")).Entries("match"));

        var patients = await ReindexAsync(client, "/fhir/Patient/$reindex");
        var found = await client.SearchAsync($"/fhir/Patient?family={family}&_sort=_id");
        var rest = await ReindexAsync(client, "/fhir/$reindex");
        var nothing = await ReindexAsync(client, "/fhir/$reindex");

        Assert.StartsWith("Reindexed 2 Patient resources ", patients, StringComparison.Ordinal);
        Assert.Equal(ids.Order(StringComparer.Ordinal).Select(i => $"Patient/{i}"), found.Entries("match"));
        Assert.StartsWith("Reindexed 1 resources ", rest, StringComparison.Ordinal);
        Assert.StartsWith("Reindexed 0 resources ", nothing, StringComparison.Ordinal);
        Assert.Contains("0 examined", nothing, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task The_start_up_run_reindexes_in_the_background()
    {
        using var gateway = new TGateway();
        var family = SearchTestData.UniqueFamily();
        string id;
        using (var before = WithoutFamily(gateway))
        {
            using var old = before.CreateClient();
            id = await old.CreateAsync("Patient", SearchTestData.Patient(family));
        }

        using var client = gateway.CreateClient();
        var startup = gateway.Services.GetRequiredService<ReindexAtStartup>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (startup.Run is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var report = await startup.Run!.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((1, 1, 0), (report.Examined, report.Reindexed, report.Failed));
        Assert.Equal([$"Patient/{id}"], (await client.SearchAsync($"/fhir/Patient?family={family}")).Entries("match"));
    }

    [DatabaseFact]
    public async Task Reindex_is_in_the_CapabilityStatement_at_system_and_type_level()
    {
        using var gateway = new TGateway();
        using var client = gateway.CreateClient();
        using var response = await client.GetAsync("/fhir/metadata");
        var rest = (await FhirResponse.ReadAsync(response, "CapabilityStatement")).Child("rest")!;

        Assert.Contains(rest.ChildrenNamed("operation"), o => o.Value("name") == "reindex" && o.Value("definition") == ReindexOperation.Definition);
        Assert.All(rest.ChildrenNamed("resource"), r => Assert.Contains(r.ChildrenNamed("operation"), o => o.Value("name") == "reindex"));
    }

    /// <summary>The gateway as it was before <c>family</c> existed: its indexer makes no <c>family</c> rows and says so in its fingerprint.</summary>
    private static WebApplicationFactory<Program> WithoutFamily(TGateway gateway) => gateway.WithWebHostBuilder(b =>
    {
        b.UseSetting("Reindex:RunAtStartup", "false");
        b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IResourceIndexer>(sp => new WithoutFamilyIndexer(new SearchResourceIndexer(sp.GetRequiredService<SearchIndexer>())))));
    });

    private static async Task<string> ReindexAsync(HttpClient client, string url)
    {
        using var response = await client.PostAsync(url, null);
        Assert.Equal(200, (int)response.StatusCode);
        var outcome = await FhirResponse.ReadAsync(response, "OperationOutcome");
        Assert.Equal("information", outcome.Value("issue.severity"));
        return outcome.Value("issue.diagnostics")!;
    }

    private sealed class WithoutFamilyIndexer(IResourceIndexer inner) : IResourceIndexer
    {
        public string? Fingerprint => "test-without-family";

        public ResourceIndex Index(ElementNode resource)
        {
            var index = inner.Index(resource);
            return index with { Rows = index.Rows.Where(r => r.Parameter != "family").ToList() };
        }
    }
}

/// <summary><see cref="ReindexContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteReindexTests : ReindexContract<SqliteGateway>;

/// <summary><see cref="ReindexContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresReindexTests : ReindexContract<PostgresGateway>;
