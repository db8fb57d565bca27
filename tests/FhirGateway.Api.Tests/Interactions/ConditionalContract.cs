using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>
/// Conditional create, update, patch and delete by identity keys and ids (https://hl7.org/fhir/R4/http.html#ccreate,
/// #cond-update, #cdelete), on each database.
/// </summary>
public abstract class ConditionalContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task Conditional_create_creates_once_then_answers_200_with_the_match()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var criteria = ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{nhs}");

        using var first = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("First", nhs)), criteria);
        using var second = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Second", nhs)), criteria);

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        var created = await FhirResponse.ReadAsync(first, "Patient");
        var matched = await FhirResponse.ReadAsync(second, "Patient");
        Assert.Equal(created.Value("id"), matched.Value("id"));
        Assert.Equal("First", matched.Family());
    }

    [DatabaseFact]
    public async Task Conditional_create_by_id_and_with_a_type_prefix()
    {
        using var client = gateway.CreateClient();
        var existing = await client.CreatePatientAsync("Existing");

        using var matched = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Ignored")), ("If-None-Exist", $"Patient?_id={existing}"));
        using var created = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("New")), ("If-None-Exist", "_id=nobody-has-this"));

        Assert.Equal(200, (int)matched.StatusCode);
        Assert.Equal(existing, (await FhirResponse.ReadAsync(matched, "Patient")).Value("id"));
        Assert.Equal(201, (int)created.StatusCode);
    }

    [DatabaseFact]
    public async Task Criteria_are_combined_and_a_created_resource_may_share_another_identifier()
    {
        using var client = gateway.CreateClient();
        var (a, b, c) = (NhsNumbers.Next(), NhsNumbers.Next(), NhsNumbers.Next());
        var first = await client.CreatePatientAsync("A", a);
        var second = await client.CreatePatientAsync("B", b);
        var both = $$"""{"resourceType":"Patient","identifier":[{"system":"{{TestFhir.NhsNumber}}","value":"{{a}}"},{"system":"{{TestFhir.NhsNumber}}","value":"{{c}}"}]}""";

        // Criteria are ANDed: identifier a and id first match A; identifier a and id second match nothing.
        using var one = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("X")), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{a}&_id={first}"));
        using var none = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Y")), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{a}&_id={second}"));

        // Nothing holds c; the new resource also carries a, which A holds too: identifiers may be shared.
        using var shared = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(both), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{c}"));
        using var twoMatches = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("Z")), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{a}"));

        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal(first, (await FhirResponse.ReadAsync(one, "Patient")).Value("id"));
        Assert.Equal(201, (int)none.StatusCode);
        Assert.Equal(201, (int)shared.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(twoMatches, 412, "conflict");
    }

    [DatabaseFact]
    public async Task Criteria_the_search_refuses_are_400_naming_the_parameter()
    {
        using var client = gateway.CreateClient();

        using var unknown = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("X")), ("If-None-Exist", "no-such-parameter=X"));
        using var malformed = await client.PutAsync("/fhir/Patient?birthdate=not-a-date", TestFhir.Json(TestFhir.Patient("X")));
        using var malformedIfNoneExist = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("X")), ("If-None-Exist", "birthdate=notadate"));
        using var malformedDelete = await client.DeleteAsync("/fhir/Patient?_lastUpdated=gt2020-13-45");
        using var unknownModifier = await client.DeleteAsync("/fhir/Patient?family:sounds-like=x");
        using var noParameter = await client.SendAsync(HttpMethod.Delete, "/fhir/Binary?identifier=a|b");
        using var noCriteria = await client.DeleteAsync("/fhir/Patient");

        var outcome = await OutcomeAssert.IsOutcomeAsync(unknown, 400, "not-supported");
        Assert.Contains("'no-such-parameter'", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
        Assert.Contains("birthdate", (await OutcomeAssert.IsOutcomeAsync(malformed, 400, "invalid")).Value("issue.diagnostics"), StringComparison.Ordinal);
        Assert.Contains("birthdate", (await OutcomeAssert.IsOutcomeAsync(malformedIfNoneExist, 400, "invalid")).Value("issue.diagnostics"), StringComparison.Ordinal);
        await OutcomeAssert.IsOutcomeAsync(malformedDelete, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(unknownModifier, 400, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(noParameter, 400, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(noCriteria, 400, "invalid");
    }

    [DatabaseFact]
    public async Task Conditional_update_creates_then_updates_the_match()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var url = $"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs}";

        using var create = await client.PutAsync(url, TestFhir.Json(TestFhir.Patient("Created", nhs)));
        var id = (await FhirResponse.ReadAsync(create, "Patient")).Value("id");
        using var update = await client.PutAsync(url, TestFhir.Json(TestFhir.Patient("Updated", nhs)));
        using var withId = await client.PutAsync(url, TestFhir.Json(TestFhir.Patient("WithId", nhs, id)));
        using var wrongId = await client.PutAsync(url, TestFhir.Json(TestFhir.Patient("WrongId", nhs, "someone-else")));
        using var stale = await client.SendAsync(HttpMethod.Put, url, TestFhir.Json(TestFhir.Patient("Stale", nhs)), ("If-Match", "W/\"1\""));

        Assert.Equal(201, (int)create.StatusCode);
        Assert.Equal(200, (int)update.StatusCode);
        var updated = await FhirResponse.ReadAsync(update, "Patient");
        Assert.Equal((id, "2", "Updated"), (updated.Value("id"), updated.Value("meta.versionId"), updated.Family()));
        Assert.Equal(200, (int)withId.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(wrongId, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(stale, 412, "conflict");
    }

    [DatabaseFact]
    public async Task Conditional_update_without_a_match_uses_the_body_id_unless_it_exists()
    {
        using var client = gateway.CreateClient();
        var existing = await client.CreatePatientAsync("Existing");
        var (nhs1, nhs2) = (NhsNumbers.Next(), NhsNumbers.Next());
        var newId = "cu-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await client.PutAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs1}", TestFhir.Json(TestFhir.Patient("New", nhs1, newId)));
        using var clash = await client.PutAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs2}", TestFhir.Json(TestFhir.Patient("Clash", nhs2, existing)));

        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal(newId, (await FhirResponse.ReadAsync(created, "Patient")).Value("id"));
        await OutcomeAssert.IsOutcomeAsync(clash, 409, "conflict");
    }

    [DatabaseFact]
    public async Task Conditional_update_may_create_a_resource_sharing_another_identifier()
    {
        using var client = gateway.CreateClient();
        var (a, c) = (NhsNumbers.Next(), NhsNumbers.Next());
        await client.CreatePatientAsync("A", a);
        var both = $$"""{"resourceType":"Patient","identifier":[{"system":"{{TestFhir.NhsNumber}}","value":"{{a}}"},{"system":"{{TestFhir.NhsNumber}}","value":"{{c}}"}]}""";

        using var response = await client.PutAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{c}", TestFhir.Json(both));

        Assert.Equal(201, (int)response.StatusCode);
    }

    [DatabaseFact]
    public async Task Conditional_patch_and_delete_act_on_the_one_match()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var id = await client.CreatePatientAsync("Target", nhs);
        var url = $"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs}";

        using var patch = await client.PatchAsync(url, TestFhir.JsonPatch("""[{"op":"add","path":"/active","value":true}]"""));
        using var delete = await client.DeleteAsync(url);
        using var deleteAgain = await client.DeleteAsync(url);
        using var patchNone = await client.PatchAsync(url, TestFhir.JsonPatch("""[{"op":"add","path":"/active","value":true}]"""));
        using var read = await client.GetAsync($"/fhir/Patient/{id}");

        Assert.Equal(200, (int)patch.StatusCode);
        Assert.Equal(id, (await FhirResponse.ReadAsync(patch, "Patient")).Value("id"));
        Assert.Equal(204, (int)delete.StatusCode);
        Assert.Equal(204, (int)deleteAgain.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(patchNone, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(read, 410, "deleted");
    }

    [DatabaseFact]
    public async Task A_deleted_resource_frees_its_identifier()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var old = await client.CreatePatientAsync("Old", nhs);
        await client.DeleteAsync($"/fhir/Patient/{old}");

        using var create = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(TestFhir.Patient("New", nhs)), ("If-None-Exist", $"identifier={TestFhir.NhsNumber}|{nhs}"));

        Assert.Equal(201, (int)create.StatusCode);
        Assert.NotEqual(old, (await FhirResponse.ReadAsync(create, "Patient")).Value("id"));
    }
}

/// <summary><see cref="ConditionalContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteConditionalTests(SqliteGateway gateway) : ConditionalContract<SqliteGateway>(gateway);

/// <summary><see cref="ConditionalContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresConditionalTests(PostgresGateway gateway) : ConditionalContract<PostgresGateway>(gateway);
