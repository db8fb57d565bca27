using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Search;

/// <summary>
/// Conditional interactions with any search criteria (https://hl7.org/fhir/R4/http.html#ccreate, #cond-update,
/// #cdelete, bundle.html#references), on each database: criteria other than identifier and _id run as searches.
/// </summary>
public abstract class ConditionalSearchContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task Conditional_create_by_family_and_birthdate()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var criteria = ("If-None-Exist", $"family={family}&birthdate=2020-03-04");

        using var first = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(SearchTestData.Patient(family, birthDate: "2020-03-04")), criteria);
        using var second = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(SearchTestData.Patient(family, birthDate: "2020-03-04")), criteria);
        using var otherDate = await client.SendAsync(
            HttpMethod.Post, "/fhir/Patient", TestFhir.Json(SearchTestData.Patient(family, birthDate: "2020-03-05")), ("If-None-Exist", $"Patient?family={family}&birthdate=2020-03-05"));

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal((await FhirResponse.ReadAsync(first, "Patient")).Value("id"), (await FhirResponse.ReadAsync(second, "Patient")).Value("id"));
        Assert.Equal(201, (int)otherDate.StatusCode);
    }

    [DatabaseFact]
    public async Task Several_matches_are_412_for_create_update_patch_and_delete()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        await client.CreateAsync("Patient", SearchTestData.Patient(family));
        await client.CreateAsync("Patient", SearchTestData.Patient(family));
        var url = $"/fhir/Patient?family={family}";

        using var create = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(SearchTestData.Patient(family)), ("If-None-Exist", $"family={family}"));
        using var update = await client.PutAsync(url, TestFhir.Json(SearchTestData.Patient(family)));
        using var patch = await client.PatchAsync(url, TestFhir.JsonPatch("""[{"op":"add","path":"/active","value":true}]"""));
        using var delete = await client.DeleteAsync(url);

        await OutcomeAssert.IsOutcomeAsync(create, 412, "conflict");
        await OutcomeAssert.IsOutcomeAsync(update, 412, "conflict");
        await OutcomeAssert.IsOutcomeAsync(patch, 412, "conflict");
        await OutcomeAssert.IsOutcomeAsync(delete, 412, "conflict");
        Assert.Equal(2, (await client.SearchAsync(url)).Entries("match").Count);
    }

    [DatabaseFact]
    public async Task Conditional_update_patch_and_delete_by_name_and_birthdate()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var url = $"/fhir/Patient?family={family}&birthdate=2018-01-01";

        using var created = await client.PutAsync(url, TestFhir.Json(SearchTestData.Patient(family, birthDate: "2018-01-01")));
        var id = (await FhirResponse.ReadAsync(created, "Patient")).Value("id");
        using var updated = await client.PutAsync(url, TestFhir.Json(SearchTestData.Patient(family, birthDate: "2018-01-01").Replace("\"Ann\"", "\"Beth\"", StringComparison.Ordinal)));
        using var patched = await client.PatchAsync(url, TestFhir.JsonPatch("""[{"op":"add","path":"/active","value":true}]"""));
        using var deleted = await client.DeleteAsync(url);
        var after = await client.SearchAsync(url);

        Assert.Equal(201, (int)created.StatusCode);
        var update = await FhirResponse.ReadAsync(updated, "Patient");
        Assert.Equal((id, "2", "Beth"), (update.Value("id"), update.Value("meta.versionId"), update.Value("name.given")));
        Assert.Equal("true", (await FhirResponse.ReadAsync(patched, "Patient")).Value("active"));
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Empty(after.Entries("match"));
    }

    [DatabaseFact]
    public async Task Deleted_resources_do_not_match_conditional_criteria()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var old = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        using var delete = await client.DeleteAsync($"/fhir/Patient/{old}");

        using var create = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(SearchTestData.Patient(family)), ("If-None-Exist", $"family={family}"));

        Assert.Equal(201, (int)create.StatusCode);
        Assert.NotEqual(old, (await FhirResponse.ReadAsync(create, "Patient")).Value("id"));
    }

    [DatabaseFact]
    public async Task Transaction_conditional_references_take_any_criteria()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient(family, birthDate: "2017-07-07"));
        var observation = $$$"""{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient?family={{{family}}}&birthdate=2017-07-07"}}""";

        using var response = await client.PostAsync("/fhir", TestFhir.Json(TestSupport.Bundles.Of("transaction", TestSupport.Bundles.Entry("POST", "Observation", observation))));

        var entry = Assert.Single((await FhirResponse.ReadAsync(response, "Bundle")).Entries());
        Assert.Equal("201 Created", entry.Status());
        Assert.Equal($"Patient/{patient}", entry.Resource()!.Value("subject.reference"));
    }
}

/// <summary><see cref="ConditionalSearchContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteConditionalSearchTests(SqliteGateway gateway) : ConditionalSearchContract<SqliteGateway>(gateway);

/// <summary><see cref="ConditionalSearchContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresConditionalSearchTests(PostgresGateway gateway) : ConditionalSearchContract<PostgresGateway>(gateway);
