using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>
/// Concurrent requests through the HTTP layer: conditional creates and updates decided by the store's claim of their
/// criteria, version-aware updates with exactly one winner.
/// </summary>
public abstract class ConcurrencyContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    private const int Parallel = 16;

    [DatabaseFact]
    public async Task Sixteen_concurrent_conditional_creates_make_exactly_one_resource()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        using var start = new Barrier(Parallel);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient($"Racer{i}", nhs)), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{nhs}"));
        })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(Parallel - 1, statuses.Count(s => s == 200));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await FhirResponse.ReadAsync(response, "Patient")).Value("id")!);
            response.Dispose();
        }

        Assert.Single(ids);
        using var history = await client.GetAsync($"/fhir/Patient/{ids.Single()}/_history");
        Assert.Single((await FhirResponse.ReadAsync(history, "Bundle")).ChildrenNamed("entry"));
    }

    [DatabaseFact]
    public async Task Sixteen_concurrent_conditional_creates_on_criteria_other_than_identifiers_make_exactly_one_resource()
    {
        // The claim of the normalized criteria decides, whatever the criteria: here family=..., evaluated by a
        // matcher that knows nothing of identity keys. The criteria are written in different orders of encoding.
        using var withFamily = gateway.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IConditionalMatcher>(p => new FamilyMatcher(p.GetRequiredService<IResourceStore>()))));
        using var client = withFamily.CreateClient();
        var family = "Racer" + Guid.NewGuid().ToString("N")[..10];
        using var start = new Barrier(Parallel);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var criteria = i % 2 == 0 ? $"family={family}" : $"Patient?family={family}&_format=json";
            return await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient(family)), ("If-None-Exist", criteria));
        })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(Parallel - 1, statuses.Count(s => s == 200));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await FhirResponse.ReadAsync(response, "Patient")).Value("id")!);
            response.Dispose();
        }

        Assert.Single(ids);

        // Once the resource no longer matches, the next conditional create takes its claim over and creates.
        using var renamed = await client.PutAsync($"/fhir/Patient/{ids.Single()}", TestFhir.Json(TestFhir.Patient("Renamed", id: ids.Single())));
        using var again = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient(family)), ("If-None-Exist", $"family={family}"));
        using var matched = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient(family)), ("If-None-Exist", $"family={family}"));
        Assert.Equal((200, 201, 200), ((int)renamed.StatusCode, (int)again.StatusCode, (int)matched.StatusCode));
        var created = (await FhirResponse.ReadAsync(again, "Patient")).Value("id");
        Assert.NotEqual(ids.Single(), created);
        Assert.Equal(created, (await FhirResponse.ReadAsync(matched, "Patient")).Value("id"));
    }

    [DatabaseFact]
    public async Task Sixteen_concurrent_conditional_updates_make_one_resource_and_fifteen_versions()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        using var start = new Barrier(Parallel);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await client.PutAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs}", TestFhir.Json(TestFhir.Patient($"Racer{i}", nhs)));
        })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(Parallel - 1, statuses.Count(s => s == 200));
        var ids = new HashSet<string>();
        var versions = new HashSet<string>();
        foreach (var response in responses)
        {
            var patient = await FhirResponse.ReadAsync(response, "Patient");
            ids.Add(patient.Value("id")!);
            versions.Add(patient.Value("meta.versionId")!);
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(Enumerable.Range(1, Parallel).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), versions);
    }

    [DatabaseFact]
    public async Task Concurrent_updates_with_the_same_If_Match_have_exactly_one_winner()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Contended");
        using var start = new Barrier(Parallel);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return i % 2 == 0
                ? await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient($"Writer{i}", id: id)), ("If-Match", "W/\"1\""))
                : await client.SendAsync(HttpMethod.Patch, $"/fhir/Patient/{id}", TestFhir.JsonPatch($$"""[{"op":"replace","path":"/name/0/family","value":"Patcher{{i}}"}]"""), ("If-Match", "W/\"1\""));
        })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(Parallel - 1, statuses.Count(s => s == 412));
        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        Assert.Equal("W/\"2\"", read.ETag());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}

/// <summary><see cref="ConcurrencyContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteConcurrencyTests(SqliteGateway gateway) : ConcurrencyContract<SqliteGateway>(gateway);

/// <summary><see cref="ConcurrencyContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresConcurrencyTests(PostgresGateway gateway) : ConcurrencyContract<PostgresGateway>(gateway);
