using FhirGateway.Api.Tests.TestSupport;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Bundles;

/// <summary>
/// Search entries in batch and transaction Bundles (https://hl7.org/fhir/R4/http.html#brules: a GET entry may be any
/// read interaction, search included), on each database.
/// </summary>
public abstract class BundleSearchContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task A_batch_answers_search_entries_with_searchset_Bundles()
    {
        using var client = gateway.CreateClient();
        var family = "Bsearch" + Guid.NewGuid().ToString("N")[..8];
        var first = await client.CreatePatientAsync(family);
        var second = await client.CreatePatientAsync(family);
        var body = B.Of(
            "batch",
            B.Entry("GET", $"Patient?family={family}&_sort=_id&_total=accurate"),
            B.Entry("GET", $"Patient?family={family}&_count=1"),
            B.Entry("GET", $"{gateway.Server.BaseAddress}fhir/Patient?_id={first}"),
            B.Entry("GET", $"?_type=Patient&_id={second}"),
            B.Entry("GET", "Patient?family=NobodyHasThisName" + Guid.NewGuid().ToString("N")));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["200 OK", "200 OK", "200 OK", "200 OK", "200 OK"], entries.Select(e => e.Status()));
        var all = entries[0].Resource()!;
        Assert.Equal("searchset", all.Value("type"));
        Assert.Equal("2", all.Value("total"));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), all.Entries().Select(e => e.Resource()!.Value("id")));
        Assert.All(all.Entries(), e => Assert.Equal("match", e.Value("search.mode")));
        Assert.StartsWith("http://localhost/fhir/Patient?", all.Link("self"), StringComparison.Ordinal);
        var paged = entries[1].Resource()!;
        Assert.Single(paged.Entries());
        Assert.NotNull(paged.Link("next"));
        Assert.Equal(first, Assert.Single(entries[2].Resource()!.Entries()).Resource()!.Value("id"));
        Assert.Equal(second, Assert.Single(entries[3].Resource()!.Entries()).Resource()!.Value("id"));
        Assert.Empty(entries[4].Resource()!.Entries());
    }

    [DatabaseFact]
    public async Task A_batch_answers_compartment_search_entries()
    {
        using var client = gateway.CreateClient();
        var patient = await client.CreatePatientAsync("Compartment");
        var other = await client.CreatePatientAsync("Elsewhere");
        var observation = Observation(patient);
        var elsewhere = Observation(other);
        using var created = await client.PostAsync("/fhir/Observation", TestFhir.Json(observation));
        using var notMine = await client.PostAsync("/fhir/Observation", TestFhir.Json(elsewhere));
        var observationId = (await FhirResponse.ReadAsync(created, "Observation")).Value("id");
        var body = B.Of(
            "batch",
            B.Entry("GET", $"Patient/{patient}/Observation"),
            B.Entry("GET", $"Patient/{patient}/Patient"),
            B.Entry("GET", $"Patient/{patient}/Organization"),
            B.Entry("GET", $"Patient/{patient}/*"),
            B.Entry("GET", "Patient/$everything/Observation"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        // The compartment id follows the routes' rule: '$' or '_' names an operation or a literal, never an id.
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["200 OK", "200 OK", "400 Bad Request", "200 OK", "400 Bad Request"], entries.Select(e => e.Status()));
        Assert.Equal(
            new[] { observationId, patient }.Order(StringComparer.Ordinal),
            entries[3].Resource()!.Entries().Select(e => e.Resource()!.Value("id")).Order(StringComparer.Ordinal));
        Assert.StartsWith($"http://localhost/fhir/Patient/{patient}/*", entries[3].Resource()!.Link("self"), StringComparison.Ordinal);
        Assert.Equal(observationId, Assert.Single(entries[0].Resource()!.Entries()).Resource()!.Value("id"));
        Assert.StartsWith($"http://localhost/fhir/Patient/{patient}/Observation", entries[0].Resource()!.Link("self"), StringComparison.Ordinal);
        Assert.Equal(patient, Assert.Single(entries[1].Resource()!.Entries()).Resource()!.Value("id"));
    }

    private static string Observation(string patient) =>
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"weight\"},\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";

    [DatabaseFact]
    public async Task A_search_entry_in_error_fails_on_its_own_with_its_OperationOutcome()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("BatchSearchError");
        var body = B.Of(
            "batch",
            B.Entry("GET", "Patient?birthdate=notadate"),
            B.Entry("GET", $"Patient/{id}"),
            B.Entry("GET", $"Patient?_id={id}&unknownparameter=1"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["400 Bad Request", "200 OK", "200 OK"], entries.Select(e => e.Status()));
        Assert.Equal("invalid", entries[0].Value("response.outcome.issue.code"));
        Assert.Contains("birthdate", entries[0].Value("response.outcome.issue.expression") + entries[0].Value("response.outcome.issue.diagnostics"), StringComparison.Ordinal);

        // Unknown parameters are ignored (lenient handling) and reported in an OperationOutcome entry of the searchset.
        var lenient = entries[2].Resource()!;
        Assert.Equal(["outcome", "match"], lenient.Entries().Select(e => e.Value("search.mode")));
    }

    [DatabaseFact]
    public async Task A_transaction_answers_search_entries_after_its_writes_and_sees_them()
    {
        using var client = gateway.CreateClient();
        var family = "Tsearch" + Guid.NewGuid().ToString("N")[..8];
        var existing = await client.CreatePatientAsync(family);

        // GET entries run last (https://hl7.org/fhir/R4/http.html#trules), whatever their place in the Bundle.
        var body = B.Of(
            "transaction",
            B.Entry("GET", $"Patient?family={family}&_total=accurate"),
            B.Entry("POST", "Patient", TestFhir.Patient(family)),
            B.Entry("GET", $"Patient?family={family}&_count=1"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["200 OK", "201 Created", "200 OK"], entries.Select(e => e.Status()));
        var created = entries[1].Value("response.location")!.Split('/')[1];
        var all = entries[0].Resource()!;
        Assert.Equal("searchset", all.Value("type"));
        Assert.Equal("2", all.Value("total"));
        Assert.Equal(new[] { existing, created }.Order(StringComparer.Ordinal), all.Entries().Select(e => e.Resource()!.Value("id")).Order(StringComparer.Ordinal));
        Assert.NotNull(entries[2].Resource()!.Link("next"));
    }

    [DatabaseFact]
    public async Task A_transaction_answers_history_entries_with_its_own_versions()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Thistory");
        var body = B.Of(
            "transaction",
            B.Entry("GET", $"Patient/{id}/_history"),
            B.Entry("PUT", $"Patient/{id}", TestFhir.Patient("ThistoryChanged", id: id)));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["200 OK", "200 OK"], entries.Select(e => e.Status()));
        var history = entries[0].Resource()!;
        Assert.Equal("history", history.Value("type"));
        Assert.Equal(["2", "1"], history.Entries().Select(e => e.Resource()!.Value("meta.versionId")));
    }

    [DatabaseFact]
    public async Task A_transaction_whose_search_entry_fails_writes_nothing()
    {
        using var client = gateway.CreateClient();
        var family = "Tfail" + Guid.NewGuid().ToString("N")[..8];
        var body = B.Of(
            "transaction",
            B.Entry("POST", "Patient", TestFhir.Patient(family)),
            B.Entry("GET", "Patient?birthdate=notadate"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));
        using var after = await client.GetAsync($"/fhir/Patient?family={family}");

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 400, "invalid");
        Assert.StartsWith("Bundle.entry[1]", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
        Assert.Empty((await FhirResponse.ReadAsync(after, "Bundle")).Entries());
    }
}

/// <summary><see cref="BundleSearchContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteBundleSearchTests(SqliteGateway gateway) : BundleSearchContract<SqliteGateway>(gateway);

/// <summary><see cref="BundleSearchContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresBundleSearchTests(PostgresGateway gateway) : BundleSearchContract<PostgresGateway>(gateway);
