using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>
/// read, vread, create, update, delete with their versioning headers (https://hl7.org/fhir/R4/http.html), through
/// the real host, on each database.
/// </summary>
public abstract class CrudContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    protected TGateway Gateway { get; } = gateway;

    [DatabaseFact]
    public async Task Create_answers_201_with_Location_ETag_Last_Modified_and_the_stored_resource()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Chalmers", id: "client-chosen")));

        Assert.Equal(201, (int)response.StatusCode);
        var patient = await FhirResponse.ReadAsync(response, "Patient");
        var id = patient.Value("id")!;
        Assert.NotEqual("client-chosen", id);
        Assert.Equal("1", patient.Value("meta.versionId"));
        Assert.Equal($"http://localhost/fhir/Patient/{id}/_history/1", response.Headers.Location?.ToString());
        Assert.Equal("W/\"1\"", response.ETag());
        Assert.Equal(
            DateTimeOffset.Parse(patient.Value("meta.lastUpdated")!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            response.Content.Headers.LastModified!.Value.ToUnixTimeSeconds());
    }

    [DatabaseFact]
    public async Task Read_serves_the_current_version_and_vread_every_version()
    {
        using var client = Gateway.CreateClient();
        var id = await client.CreatePatientAsync("First");
        using (var update = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Second", id: id))))
        {
            Assert.Equal(200, (int)update.StatusCode);
            Assert.Equal("W/\"2\"", update.ETag());
        }

        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        using var v1 = await client.GetAsync($"/fhir/Patient/{id}/_history/1");
        using var v2 = await client.GetAsync($"/fhir/Patient/{id}/_history/2");
        using var v3 = await client.GetAsync($"/fhir/Patient/{id}/_history/3");

        Assert.Equal("Second", (await FhirResponse.ReadAsync(read, "Patient")).Family());
        Assert.Equal("W/\"2\"", read.ETag());
        Assert.NotNull(read.Content.Headers.LastModified);
        Assert.Equal("First", (await FhirResponse.ReadAsync(v1, "Patient")).Family());
        Assert.Equal("W/\"1\"", v1.ETag());
        Assert.Equal("Second", (await FhirResponse.ReadAsync(v2, "Patient")).Family());
        await OutcomeAssert.IsOutcomeAsync(v3, 404, "not-found");
    }

    [DatabaseFact]
    public async Task Update_of_an_unknown_id_creates_it()
    {
        using var client = Gateway.CreateClient();
        var id = "upsert-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("New", id: id)));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal($"http://localhost/fhir/Patient/{id}/_history/1", response.Headers.Location?.ToString());
        Assert.Equal(id, (await FhirResponse.ReadAsync(response, "Patient")).Value("id"));
    }

    [DatabaseFact]
    public async Task Delete_answers_204_and_then_reads_are_410_until_an_update_brings_it_back()
    {
        using var client = Gateway.CreateClient();
        var id = await client.CreatePatientAsync("Doomed");

        using var delete = await client.DeleteAsync($"/fhir/Patient/{id}");
        using var again = await client.DeleteAsync($"/fhir/Patient/{id}");
        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        using var vreadDeletion = await client.GetAsync($"/fhir/Patient/{id}/_history/2");
        using var vreadBefore = await client.GetAsync($"/fhir/Patient/{id}/_history/1");
        using var revive = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Back", id: id)));

        Assert.Equal(204, (int)delete.StatusCode);
        Assert.Equal("W/\"2\"", delete.ETag());
        Assert.Equal(204, (int)again.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(read, 410, "deleted");
        await OutcomeAssert.IsOutcomeAsync(vreadDeletion, 410, "deleted");
        Assert.Equal(200, (int)vreadBefore.StatusCode);
        Assert.Equal(201, (int)revive.StatusCode);
        Assert.Equal("3", (await FhirResponse.ReadAsync(revive, "Patient")).Value("meta.versionId"));
    }

    [DatabaseFact]
    public async Task If_Match_updates_only_the_version_named()
    {
        using var client = Gateway.CreateClient();
        var id = await client.CreatePatientAsync("V1");

        using var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Stale", id: id)), ("If-Match", "W/\"2\""));
        using var current = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("V2", id: id)), ("If-Match", "W/\"1\""));
        using var staleDelete = await client.SendAsync(HttpMethod.Delete, $"/fhir/Patient/{id}", null, ("If-Match", "W/\"1\""));
        using var absent = await client.SendAsync(HttpMethod.Put, "/fhir/Patient/never-there", TestFhir.Json(TestFhir.Patient("X", id: "never-there")), ("If-Match", "W/\"1\""));

        await OutcomeAssert.IsOutcomeAsync(stale, 412, "conflict");
        Assert.Equal(200, (int)current.StatusCode);
        Assert.Equal("W/\"2\"", current.ETag());
        await OutcomeAssert.IsOutcomeAsync(staleDelete, 412, "conflict");
        await OutcomeAssert.IsOutcomeAsync(absent, 412, "conflict");
    }

    [DatabaseFact]
    public async Task If_None_Match_star_creates_only()
    {
        using var client = Gateway.CreateClient();
        var id = "only-once-" + Guid.NewGuid().ToString("N")[..8];

        using var first = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("First", id: id)), ("If-None-Match", "*"));
        using var second = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Second", id: id)), ("If-None-Match", "*"));
        using var read = await client.GetAsync($"/fhir/Patient/{id}");

        Assert.Equal(201, (int)first.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(second, 412, "conflict");
        var patient = await FhirResponse.ReadAsync(read, "Patient");
        Assert.Equal(("First", "1"), (patient.Family(), patient.Value("meta.versionId")));
    }

    [DatabaseFact]
    public async Task Resources_may_share_a_business_identifier()
    {
        // Nothing in R4 makes identifiers unique (https://hl7.org/fhir/R4/datatypes.html#Identifier); conditional
        // criteria then find several (412).
        using var client = Gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        await client.CreatePatientAsync("Holder", nhs);
        var other = await client.CreatePatientAsync("Other");

        using var create = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Copy", nhs)));
        using var update = await client.PutAsync($"/fhir/Patient/{other}", TestFhir.Json(TestFhir.Patient("Other", nhs, other)));
        using var conditional = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Third", nhs)), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{nhs}"));

        Assert.Equal((201, 200), ((int)create.StatusCode, (int)update.StatusCode));
        await OutcomeAssert.IsOutcomeAsync(conditional, 412, "conflict");
    }

    [DatabaseFact]
    public async Task Any_resource_type_is_served()
    {
        using var client = Gateway.CreateClient();
        var body = """{"resourceType":"Observation","status":"final","code":{"text":"ASQ-3 communication"},"valueInteger":55}""";

        using var create = await client.PostAsync("/fhir/Observation", TestFhir.Json(body));
        var id = (await FhirResponse.ReadAsync(create, "Observation")).Value("id");
        using var read = await client.GetAsync($"/fhir/Observation/{id}");

        Assert.Equal(201, (int)create.StatusCode);
        Assert.Equal("55", (await FhirResponse.ReadAsync(read, "Observation")).Value("value"));
    }

    [DatabaseFact]
    public async Task The_body_of_a_json_read_is_exactly_the_stored_canonical_json()
    {
        using var client = Gateway.CreateClient();
        var id = await client.CreatePatientAsync("Bytes");

        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        var body = await read.Content.ReadAsByteArrayAsync();

        var canonical = FhirJsonWriter.SerializeToUtf8(FhirJsonReader.Parse(body).Resource!);
        Assert.Equal(canonical, body);
        Assert.Equal(body.Length, read.Content.Headers.ContentLength);
    }
}

/// <summary><see cref="CrudContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteCrudTests(SqliteGateway gateway) : CrudContract<SqliteGateway>(gateway);

/// <summary><see cref="CrudContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresCrudTests(PostgresGateway gateway) : CrudContract<PostgresGateway>(gateway);
