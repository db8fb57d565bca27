using System.Text;
using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Bundles;

/// <summary>Batch Bundles, and the rules every Bundle posted to the base meets.</summary>
public sealed class BatchAndBundleRulesTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task A_batch_answers_every_entry_on_its_own()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Batch");
        var patch = Convert.ToBase64String(Encoding.UTF8.GetBytes("""[{"op":"add","path":"/active","value":true}]"""));
        var body = B.Of(
            "batch",
            B.Entry("GET", $"Patient/{id}"),
            B.Entry("GET", "Patient/unknown"),
            B.Entry("POST", "Patient", TestFhir.Patient("Created")),
            B.Entry("POST", "Observation", """{"resourceType":"Observation","code":{"text":"no status"}}"""),
            B.Entry("PATCH", $"Patient/{id}", $$"""{"resourceType":"Binary","contentType":"application/json-patch+json","data":"{{patch}}"}"""),
            B.Entry("GET", $"Patient/{id}/_history"),
            B.Entry("GET", $"Patient?_id={id}&_total=accurate"),
            B.Entry("DELETE", $"Patient/{id}", extraRequest: "\"ifMatch\":\"W/\\\"1\\\"\""),
            B.Entry("GET", $"{gateway.Server.BaseAddress}fhir/Patient/{id}/_history/1"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var bundle = await FhirResponse.ReadAsync(response, "Bundle");
        Assert.Equal("batch-response", bundle.Value("type"));
        var entries = bundle.Entries();
        Assert.Equal(
            ["200 OK", "404 Not Found", "201 Created", "422 Unprocessable Entity", "200 OK", "200 OK", "200 OK", "412 Precondition Failed", "200 OK"],
            entries.Select(e => e.Status()));
        Assert.Equal("Batch", entries[0].Resource()!.Family());
        Assert.Equal("not-found", entries[1].Value("response.outcome.issue.code"));
        Assert.Equal("required", entries[3].Value("response.outcome.issue.code"));
        Assert.Equal("true", entries[4].Resource()!.Value("active"));
        Assert.Equal("history", entries[5].Resource()!.Value("type"));
        Assert.Equal(2, entries[5].Resource()!.Entries().Count);
        Assert.Equal("searchset", entries[6].Resource()!.Value("type"));
        Assert.Equal("1", entries[6].Resource()!.Value("total"));
        Assert.Equal("1", entries[8].Resource()!.Value("meta.versionId"));
    }

    [Fact]
    public async Task A_batch_entry_referring_to_another_entry_fails_on_its_own()
    {
        using var client = gateway.CreateClient();
        var patientUrn = B.NewUrn();
        var observation = $$$"""{"resourceType":"Observation","status":"final","code":{"text":"weight"},"subject":{"reference":"{{{patientUrn}}}"}}""";
        var body = B.Of(
            "batch",
            B.Entry("POST", "Patient", TestFhir.Patient("Linked"), patientUrn),
            B.Entry("POST", "Observation", observation),
            B.Entry("POST", "Observation", observation.Replace(patientUrn, B.NewUrn(), StringComparison.Ordinal)));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        // https://hl7.org/fhir/R4/http.html#brules: no interdependencies, and servers SHALL check.
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["201 Created", "400 Bad Request", "400 Bad Request"], entries.Select(e => e.Status()));
        Assert.Contains($"another entry of the batch ({patientUrn})", entries[1].Value("response.outcome.issue.diagnostics"), StringComparison.Ordinal);
        Assert.Contains("names no resource", entries[2].Value("response.outcome.issue.diagnostics"), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/fhir/Patient/{entries[0].Resource()!.Value("id")}", entries[0].Value("fullUrl"));
    }

    [Fact]
    public async Task A_document_Bundle_posted_as_an_entry_keeps_its_own_references()
    {
        using var client = gateway.CreateClient();
        var (composition, patient) = (B.NewUrn(), B.NewUrn());
        var document = $$$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"{{{{composition}}}}","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"{{{{patient}}}}"}}},
              {"fullUrl":"{{{{patient}}}}","resource":{"resourceType":"Patient"}}]}
            """;

        using var batch = await client.PostAsync("/fhir", TestFhir.Json(B.Of("batch", B.Entry("POST", "Bundle", document))));
        using var transaction = await client.PostAsync("/fhir", TestFhir.Json(B.Of("transaction", B.Entry("POST", "Bundle", document))));

        // References inside a Bundle resolve within it (bundle.html#references), not against the Bundle carrying it.
        Assert.Equal("201 Created", Assert.Single((await FhirResponse.ReadAsync(batch, "Bundle")).Entries()).Status());
        var stored = Assert.Single((await FhirResponse.ReadAsync(transaction, "Bundle")).Entries()).Resource()!;
        Assert.Equal(patient, stored.Value("entry.resource.subject.reference"));
    }

    [Fact]
    public async Task Batch_entries_follow_the_return_preference_and_xml_works_both_ways()
    {
        using var client = gateway.CreateClient();
        var body = """
            <Bundle xmlns="http://hl7.org/fhir"><type value="batch"/>
              <entry><resource><Patient><name><family value="Xml"/></name></Patient></resource><request><method value="POST"/><url value="Patient"/></request></entry>
            </Bundle>
            """;

        using var minimal = await client.SendAsync(HttpMethod.Post, "/fhir?_format=xml", TestFhir.Xml(body), ("Prefer", "return=minimal"));
        using var outcome = await client.SendAsync(HttpMethod.Post, "/fhir", TestFhir.Xml(body), ("Prefer", "return=OperationOutcome"));

        var minimalEntry = Assert.Single((await FhirResponse.ReadAsync(minimal, "Bundle", FhirResponse.XmlMediaType)).Entries());
        Assert.Null(minimalEntry.Resource());
        Assert.Equal("201 Created", minimalEntry.Status());
        Assert.NotNull(minimalEntry.Value("response.location"));
        var outcomeEntry = Assert.Single((await FhirResponse.ReadAsync(outcome, "Bundle")).Entries());
        Assert.Equal("informational", outcomeEntry.Value("response.outcome.issue.code"));
    }

    [Fact]
    public async Task Only_batch_and_transaction_Bundles_are_taken()
    {
        using var client = gateway.CreateClient();

        using var patient = await client.PostAsync("/fhir", TestFhir.Json(TestFhir.Patient("X")));
        using var document = await client.PostAsync("/fhir", TestFhir.Json("""{"resourceType":"Bundle","type":"document"}"""));
        using var noRequest = await client.PostAsync("/fhir", TestFhir.Json("""{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient"}}]}"""));
        using var unknownType = await client.PostAsync("/fhir", TestFhir.Json(B.Of("transaction", B.Entry("POST", "Patients", TestFhir.Patient("X")))));
        using var dangling = await client.PostAsync("/fhir", TestFhir.Json(B.Of("transaction", B.Entry("POST", "Observation", """{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"urn:uuid:6b6e4b86-1c1c-4b55-9f0d-4a5b1c1c1c1c"}}"""))));
        using var twice = await client.PostAsync("/fhir", TestFhir.Json(B.Of("transaction", B.Entry("DELETE", "Patient/a"), B.Entry("PUT", "Patient/a", TestFhir.Patient("A", id: "a")))));
        using var foreign = await client.PostAsync("/fhir", TestFhir.Json(B.Of("batch", B.Entry("GET", "https://elsewhere.example.org/fhir/Patient/1"))));

        await OutcomeAssert.IsOutcomeAsync(patient, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(document, 400, "invalid");
        Assert.StartsWith("Bundle.entry[0]", (await OutcomeAssert.IsOutcomeAsync(noRequest, 400, "invalid")).Value("issue.diagnostics"), StringComparison.Ordinal);
        await OutcomeAssert.IsOutcomeAsync(unknownType, 400, "invalid");
        Assert.Contains("urn:uuid:6b6e4b86", (await OutcomeAssert.IsOutcomeAsync(dangling, 400, "invalid")).Value("issue.diagnostics"), StringComparison.Ordinal);
        await OutcomeAssert.IsOutcomeAsync(twice, 400, "invalid");
        Assert.Equal("400 Bad Request", Assert.Single((await FhirResponse.ReadAsync(foreign, "Bundle")).Entries()).Status());
    }

    [Fact]
    public async Task Invalid_entry_resources_fail_a_transaction_naming_the_entry()
    {
        using var client = gateway.CreateClient();
        var body = B.Of("transaction", B.Entry("POST", "Patient", TestFhir.Patient("Fine")), B.Entry("POST", "Observation", """{"resourceType":"Observation","code":{"text":"no status"}}"""));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 422, "required");
        Assert.StartsWith("Bundle.entry[1]: ", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundles_over_the_entry_limit_are_413()
    {
        using var limited = gateway.WithWebHostBuilder(b => b.UseSetting("Fhir:MaxBundleEntries", "2"));
        using var client = limited.CreateClient();
        var entry = B.Entry("POST", "Patient", TestFhir.Patient("X"));

        using var three = await client.PostAsync("/fhir", TestFhir.Json(B.Of("batch", entry, entry, entry)));
        using var two = await client.PostAsync("/fhir", TestFhir.Json(B.Of("batch", entry, entry)));

        await OutcomeAssert.IsOutcomeAsync(three, 413, "too-costly");
        Assert.Equal(200, (int)two.StatusCode);
    }
}
