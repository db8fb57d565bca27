using System.Globalization;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Model;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Validation;

/// <summary>
/// Every write is validated by the full validator against the base definitions and the gateway profiles it claims:
/// errors are 422 with the OperationOutcome (https://hl7.org/fhir/R4/http.html#update), warnings alone are accepted.
/// </summary>
public sealed class WriteValidationTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    private const string BabyPatient = "https://fhirgateway.dev/StructureDefinition/BabyPatient";

    [Fact]
    public async Task Create_of_a_BabyPatient_with_a_bad_NHS_number_check_digit_is_422_naming_the_invariant()
    {
        using var client = gateway.CreateClient();

        using var good = await client.PostAsync("/fhir/Patient", TestFhir.Json(Baby(ValidNhsNumber())));
        using var bad = await client.PostAsync("/fhir/Patient", TestFhir.Json(Baby(BadNhsNumber())));

        Assert.Equal(201, (int)good.StatusCode);
        var issue = Assert.Single(await ErrorsAsync(bad, 422));
        Assert.Equal(("invariant", "invariant"), (issue.Value("code"), issue.Value("details.coding.code")));
        Assert.Contains("fgw-pat-1", issue.Value("diagnostics"), StringComparison.Ordinal);
        Assert.Equal("Patient.identifier[0]", issue.Value("expression"));
    }

    [Fact]
    public async Task Update_and_conditional_update_of_an_Observation_without_status_are_422()
    {
        using var client = gateway.CreateClient();
        var id = "obs-" + Guid.NewGuid().ToString("N")[..12];

        using var update = await client.PutAsync($"/fhir/Observation/{id}", TestFhir.Json(Observation(null, id)));
        using var conditional = await client.PutAsync($"/fhir/Observation?_id={id}", TestFhir.Json(Observation(null, null)));
        using var read = await client.GetAsync($"/fhir/Observation/{id}");

        AssertMissingStatus(await ErrorsAsync(update, 422));
        AssertMissingStatus(await ErrorsAsync(conditional, 422));
        Assert.Equal(404, (int)read.StatusCode);
    }

    [Fact]
    public async Task Create_and_conditional_create_of_an_Observation_without_status_are_422()
    {
        using var client = gateway.CreateClient();

        using var create = await client.PostAsync("/fhir/Observation", TestFhir.Json(Observation(null, null)));
        using var conditional = await client.SendAsync(
            HttpMethod.Post, "/fhir/Observation", TestFhir.Json(Observation(null, null)), ("If-None-Exist", "_id=never-there"));

        AssertMissingStatus(await ErrorsAsync(create, 422));
        AssertMissingStatus(await ErrorsAsync(conditional, 422));
    }

    [Fact]
    public async Task A_patch_whose_result_is_invalid_is_422_and_changes_nothing()
    {
        using var client = gateway.CreateClient();
        using var created = await client.PostAsync("/fhir/Observation", TestFhir.Json(Observation("final", null)));
        var id = (await FhirResponse.ReadAsync(created, "Observation")).Value("id");

        using var patch = await client.PatchAsync($"/fhir/Observation/{id}", TestFhir.JsonPatch("""[{"op":"remove","path":"/status"}]"""));
        using var read = await client.GetAsync($"/fhir/Observation/{id}");

        AssertMissingStatus(await ErrorsAsync(patch, 422));
        Assert.Equal("final", (await FhirResponse.ReadAsync(read, "Observation")).Value("status"));
    }

    [Fact]
    public async Task One_invalid_entry_fails_a_transaction_naming_the_entry_but_only_its_own_entry_in_a_batch()
    {
        using var client = gateway.CreateClient();
        var family = "Tx" + Guid.NewGuid().ToString("N")[..8];
        string Entries(string type) => B.Of(
            type,
            B.Entry("POST", "Patient", TestFhir.Patient(family + type)),
            B.Entry("POST", "Observation", Observation(null, null)));

        using var transaction = await client.PostAsync("/fhir", TestFhir.Json(Entries("transaction")));
        using var batch = await client.PostAsync("/fhir", TestFhir.Json(Entries("batch")));

        var errors = await ErrorsAsync(transaction, 422);
        AssertMissingStatus(errors);
        Assert.StartsWith("Bundle.entry[1]: ", errors.Single(i => i.Value("diagnostics")!.Contains("Observation.status", StringComparison.Ordinal)).Value("diagnostics"), StringComparison.Ordinal);
        var entries = (await FhirResponse.ReadAsync(batch, "Bundle")).Entries();
        Assert.Equal(["201 Created", "422 Unprocessable Entity"], entries.Select(e => e.Status()));
        AssertMissingStatus(entries[1].Child("response")!.Child("outcome")!.ChildrenNamed("issue").Where(i => i.Value("severity") == "error").ToList());
        Assert.Equal(0, await CountAsync(client, "Patient", family + "transaction"));
        Assert.Equal(1, await CountAsync(client, "Patient", family + "batch"));
    }

    [Fact]
    public async Task Warnings_alone_do_not_refuse_a_write_and_come_back_with_return_OperationOutcome()
    {
        using var client = gateway.CreateClient();
        var unknown = """{"resourceType":"Patient","meta":{"profile":["https://example.org/StructureDefinition/not-known-here"]},"name":[{"family":"Warned"}]}""";

        using var plain = await client.PostAsync("/fhir/Patient", TestFhir.Json(unknown));
        using var outcome = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", TestFhir.Json(unknown), ("Prefer", "return=OperationOutcome"));

        Assert.Equal(201, (int)plain.StatusCode);
        Assert.Equal(201, (int)outcome.StatusCode);
        var issues = (await FhirResponse.ReadAsync(outcome, "OperationOutcome")).ChildrenNamed("issue").ToList();
        Assert.Equal("information", issues[0].Value("severity"));
        Assert.Contains(issues, i => i.Value("severity") == "warning" && i.Value("details.coding.code") == "profile-unknown");
        Assert.DoesNotContain(issues, i => i.Value("severity") is "error" or "fatal");
    }

    [Fact]
    public async Task Validate_checks_the_profile_asked_for_at_type_and_instance_level_and_mode_delete()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Instance");
        static string Parameters(string resource, string? mode, string? profile) =>
            $$"""{"resourceType":"Parameters","parameter":[{"name":"resource","resource":{{resource}}}""" +
            (mode is null ? string.Empty : $$""",{"name":"mode","valueCode":"{{mode}}"}""") +
            (profile is null ? string.Empty : $$""",{"name":"profile","valueUri":"{{profile}}"}""") + "]}";
        var plain = TestFhir.Patient("Plain", BadNhsNumber(), id);

        using var asBase = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json(Parameters(plain, "create", null)));
        using var asBaby = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json(Parameters(plain, "create", BabyPatient)));
        using var instance = await client.PostAsync($"/fhir/Patient/{id}/$validate", TestFhir.Json(Parameters(plain, "update", BabyPatient)));
        using var unknownProfile = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json(Parameters(plain, null, "https://example.org/StructureDefinition/none")));
        using var typeDelete = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json("""{"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"delete"}]}"""));
        using var instanceDelete = await client.PostAsync($"/fhir/Patient/{id}/$validate", TestFhir.Json("""{"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"delete"}]}"""));

        Assert.Empty(await ErrorsAsync(asBase, 200));
        Assert.Contains(await ErrorsAsync(asBaby, 200), i => i.Value("diagnostics")!.Contains("fgw-pat-1", StringComparison.Ordinal));
        Assert.Contains(await ErrorsAsync(instance, 200), i => i.Value("diagnostics")!.Contains("fgw-pat-1", StringComparison.Ordinal));
        Assert.Contains(await ErrorsAsync(unknownProfile, 200), i => i.Value("details.coding.code") == "profile-unknown");
        Assert.Contains("mode 'delete'", Assert.Single(await ErrorsAsync(typeDelete, 200)).Value("diagnostics"), StringComparison.Ordinal);
        Assert.Empty(await ErrorsAsync(instanceDelete, 200));
    }

    private static void AssertMissingStatus(IReadOnlyList<ElementNode> errors)
    {
        // A missing element is reported at its parent, as the HL7 reference validator does.
        var issue = Assert.Single(errors, i => i.Value("diagnostics")!.Contains("Observation.status: at least 1 required", StringComparison.Ordinal));
        Assert.Equal(("required", "cardinality-min", "Observation"), (issue.Value("code"), issue.Value("details.coding.code"), issue.Value("expression")));
    }

    /// <summary>The error and fatal issues of the OperationOutcome a response carries with <paramref name="status"/>.</summary>
    private static async Task<List<ElementNode>> ErrorsAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var outcome = await FhirResponse.ReadAsync(response, "OperationOutcome");
        return outcome.ChildrenNamed("issue").Where(i => i.Value("severity") is "error" or "fatal").ToList();
    }

    private static async Task<int> CountAsync(HttpClient client, string type, string family)
    {
        using var history = await client.GetAsync($"/fhir/{type}/_history?_count=1000");
        var bundle = await FhirResponse.ReadAsync(history, "Bundle");
        return bundle.Entries().Count(e => e.Resource()?.Family() == family);
    }

    private static string Observation(string? status, string? id) =>
        "{\"resourceType\":\"Observation\"" + (id is null ? string.Empty : $",\"id\":\"{id}\"") +
        (status is null ? string.Empty : $",\"status\":\"{status}\"") +
        ",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8302-2\"}]}}";

    private static string Baby(string nhsNumber) => $$"""
        {"resourceType":"Patient","meta":{"profile":["{{BabyPatient}}"]},
         "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{nhsNumber}}"}],
         "name":[{"use":"official","family":"Okafor"}],"gender":"male","birthDate":"2025-03-03",
         "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"2025-03-03T08:42:00+00:00"}]},
         "address":[{"use":"home","line":["14 Chapel Row"],"city":"Leeds","postalCode":"LS6 2QT"}],"multipleBirthInteger":1}
        """;

    /// <summary>A fresh NHS number whose tenth digit is the modulus 11 check digit of the first nine.</summary>
    private static string ValidNhsNumber()
    {
        while (true)
        {
            var digits = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = (11 - (sum % 11)) % 11;
            if (check < 10)
            {
                return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>A valid NHS number with its check digit changed.</summary>
    private static string BadNhsNumber()
    {
        var valid = ValidNhsNumber();
        return valid[..9] + ((valid[9] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
