using FhirGateway.Api.Tests.TestSupport;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Bundles;

/// <summary>Transaction Bundles (https://hl7.org/fhir/R4/http.html#transaction), on each database.</summary>
public abstract class TransactionContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task A_transaction_resolves_urn_uuids_and_answers_each_entry_in_order()
    {
        using var client = gateway.CreateClient();
        var known = await client.CreatePatientAsync("Known");
        var old = await client.CreatePatientAsync("Old");
        var (patientUrn, observationUrn) = (B.NewUrn(), B.NewUrn());
        var observation = $$"""{"resourceType":"Observation","status":"final","code":{"text":"weight"},"subject":{"reference":"{{patientUrn}}"},"hasMember":[{"reference":"{{observationUrn}}"}]}""";
        var member = $$"""{"resourceType":"Observation","status":"final","code":{"text":"height"},"subject":{"reference":"{{patientUrn}}"},"focus":[{"reference":"Patient/{{known}}"}]}""";
        var body = B.Of(
            "transaction",
            B.Entry("GET", $"Patient/{known}"),
            B.Entry("POST", "Observation", observation),
            B.Entry("PUT", $"Patient/{known}", TestFhir.Patient("Changed", id: known)),
            B.Entry("POST", "Patient", TestFhir.Patient("New"), patientUrn),
            B.Entry("DELETE", $"Patient/{old}"),
            B.Entry("POST", "Observation", member, observationUrn));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var bundle = await FhirResponse.ReadAsync(response, "Bundle");
        Assert.Equal("transaction-response", bundle.Value("type"));
        var entries = bundle.Entries();
        Assert.Equal(["200 OK", "201 Created", "200 OK", "201 Created", "204 No Content", "201 Created"], entries.Select(e => e.Status()));

        // GET runs last, so it reads what the PUT wrote.
        Assert.Equal("Changed", entries[0].Resource()!.Family());
        var patientId = entries[3].Resource()!.Value("id");
        var memberId = entries[5].Resource()!.Value("id");
        Assert.Equal($"Patient/{patientId}", entries[1].Resource()!.Value("subject.reference"));
        Assert.Equal($"Observation/{memberId}", entries[1].Resource()!.Value("hasMember.reference"));
        Assert.Equal($"Patient/{patientId}", entries[5].Resource()!.Value("subject.reference"));
        Assert.Equal($"Patient/{known}", entries[5].Resource()!.Value("focus.reference"));
        Assert.Equal($"Patient/{patientId}/_history/1", entries[3].Value("response.location"));
        Assert.Equal("W/\"2\"", entries[2].Value("response.etag"));
        Assert.NotNull(entries[2].Value("response.lastModified"));

        // Each entry carrying a resource names it by its fullUrl; the deletion carries none.
        Assert.Equal($"http://localhost/fhir/Patient/{known}", entries[0].Value("fullUrl"));
        Assert.Equal($"http://localhost/fhir/Patient/{patientId}", entries[3].Value("fullUrl"));
        Assert.Equal($"http://localhost/fhir/Observation/{memberId}", entries[5].Value("fullUrl"));
        Assert.Null(entries[4].Value("fullUrl"));

        using var read = await client.GetAsync($"/fhir/Observation/{entries[1].Resource()!.Value("id")}");
        Assert.Equal($"Patient/{patientId}", (await FhirResponse.ReadAsync(read, "Observation")).Value("subject.reference"));
        using var deleted = await client.GetAsync($"/fhir/Patient/{old}");
        Assert.Equal(410, (int)deleted.StatusCode);
    }

    [DatabaseFact]
    public async Task Links_to_entries_in_uri_elements_and_narrative_are_rewritten_too()
    {
        // https://hl7.org/fhir/R4/http.html#trules: elements of type uri, url, oid and uuid, narrative <a href> and
        // <img src>. Values that name no entry stay as they are, and are no error.
        using var client = gateway.CreateClient();
        var (binaryUrn, patientUrn, elsewhere) = (B.NewUrn(), B.NewUrn(), B.NewUrn());
        var patient = $$$"""
            {"resourceType":"Patient",
             "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"{{{binaryUrn}}}\">photo</a> <img src='{{{binaryUrn}}}' alt=\"photo\"/> <a href=\"{{{elsewhere}}}\">other</a></div>"},
             "identifier":[{"system":"urn:ietf:rfc:3986","value":"{{{elsewhere}}}"}],
             "name":[{"family":"Linked"}],
             "photo":[{"contentType":"text/plain","url":"{{{binaryUrn}}}"}]}
            """;
        var binary = """{"resourceType":"Binary","contentType":"text/plain","data":"aGVsbG8="}""";
        var body = B.Of("transaction", B.Entry("POST", "Patient", patient, patientUrn), B.Entry("POST", "Binary", binary, binaryUrn));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        var target = $"Binary/{entries[1].Resource()!.Value("id")}";
        var written = entries[0].Resource()!;
        Assert.Equal(target, written.Value("photo.url"));
        Assert.Equal(elsewhere, written.Value("identifier.value"));
        Assert.Equal("urn:ietf:rfc:3986", written.Value("identifier.system"));
        var div = written.Value("text.div")!;
        Assert.Contains($"<a href=\"{target}\">photo</a>", div, StringComparison.Ordinal);
        Assert.Contains($"<img src='{target}'", div, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{elsewhere}\">other</a>", div, StringComparison.Ordinal);
        Assert.DoesNotContain(binaryUrn, div, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task A_failing_entry_rolls_the_whole_transaction_back()
    {
        using var client = gateway.CreateClient();
        var existing = await client.CreatePatientAsync("Existing");
        var doomed = await client.CreatePatientAsync("Doomed");
        var nhs = NhsNumbers.Next();
        var body = B.Of(
            "transaction",
            B.Entry("POST", "Patient", TestFhir.Patient("New", nhs), B.NewUrn()),
            B.Entry("PUT", $"Patient/{existing}", TestFhir.Patient("Changed", id: existing)),
            B.Entry("DELETE", $"Patient/{doomed}"),
            B.Entry("PUT", $"Patient/{existing}-other", TestFhir.Patient("Stale", id: $"{existing}-other"), extraRequest: "\"ifMatch\":\"W/\\\"3\\\"\""));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 412, "conflict");
        Assert.StartsWith("Bundle.entry[3]", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
        using var read = await client.GetAsync($"/fhir/Patient/{existing}");
        Assert.Equal("W/\"1\"", read.ETag());
        using var stillThere = await client.GetAsync($"/fhir/Patient/{doomed}");
        Assert.Equal(200, (int)stillThere.StatusCode);
        using var create = await client.PutAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs}", TestFhir.Json(TestFhir.Patient("Probe", nhs)));
        Assert.Equal(201, (int)create.StatusCode);
    }

    [DatabaseFact]
    public async Task Conditional_entries_resolve_to_their_matches()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var existing = await client.CreatePatientAsync("Existing", nhs);
        var (urn, newNhs) = (B.NewUrn(), NhsNumbers.Next());
        var newUrn = B.NewUrn();
        var body = B.Of(
            "transaction",
            B.Entry("POST", "Patient", TestFhir.Patient("Ignored", nhs), urn, $"\"ifNoneExist\":\"identifier={TestFhir.NhsNumber}|{nhs}\""),
            B.Entry("POST", "Patient", TestFhir.Patient("Created", newNhs), newUrn, $"\"ifNoneExist\":\"identifier={TestFhir.NhsNumber}|{newNhs}\""),
            B.Entry("POST", "Observation", $$"""{"resourceType":"Observation","status":"final","code":{"text":"a"},"subject":{"reference":"{{urn}}"},"focus":[{"reference":"{{newUrn}}"}],"performer":[{"reference":"Patient?identifier={{TestFhir.NhsNumber}}|{{nhs}}"}]}"""),
            B.Entry("PUT", $"Patient?identifier={TestFhir.NhsNumber}|{nhs}", TestFhir.Patient("Updated", nhs), extraRequest: "\"ifMatch\":\"W/\\\"1\\\"\""));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
        Assert.Equal(["200 OK", "201 Created", "201 Created", "200 OK"], entries.Select(e => e.Status()));
        var observation = entries[2].Resource()!;
        Assert.Equal($"Patient/{existing}", observation.Value("subject.reference"));
        Assert.Equal($"Patient/{entries[1].Resource()!.Value("id")}", observation.Value("focus.reference"));
        Assert.Equal($"Patient/{existing}", observation.Value("performer.reference"));
        Assert.Equal((existing, "Updated"), (entries[3].Resource()!.Value("id"), entries[3].Resource()!.Family()));
    }

    [DatabaseFact]
    public async Task Deletes_run_before_creates_so_an_identifier_can_move()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var old = await client.CreatePatientAsync("Old", nhs);
        var body = B.Of("transaction", B.Entry("POST", "Patient", TestFhir.Patient("New", nhs)), B.Entry("DELETE", $"Patient/{old}"));

        using var response = await client.PostAsync("/fhir", TestFhir.Json(body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["201 Created", "204 No Content"], (await FhirResponse.ReadAsync(response, "Bundle")).Entries().Select(e => e.Status()));
    }

    [DatabaseFact]
    public async Task Concurrent_transactions_with_the_same_conditional_create_make_one_resource()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var body = B.Of(
            "transaction",
            B.Entry("POST", "Patient", TestFhir.Patient("Racer", nhs), "urn:uuid:00000000-0000-0000-0000-000000000001", $"\"ifNoneExist\":\"identifier={TestFhir.NhsNumber}|{nhs}\""),
            B.Entry("POST", "Observation", """{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"urn:uuid:00000000-0000-0000-0000-000000000001"}}"""));
        using var start = new Barrier(8);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await client.PostAsync("/fhir", TestFhir.Json(body));
        })));

        var subjects = new HashSet<string>();
        var created = 0;
        foreach (var response in responses)
        {
            Assert.Equal(200, (int)response.StatusCode);
            var entries = (await FhirResponse.ReadAsync(response, "Bundle")).Entries();
            created += entries[0].Status() == "201 Created" ? 1 : 0;
            subjects.Add(entries[1].Resource()!.Value("subject.reference")!);
            response.Dispose();
        }

        Assert.Equal(1, created);
        Assert.Single(subjects);
    }
}

/// <summary><see cref="TransactionContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteTransactionTests(SqliteGateway gateway) : TransactionContract<SqliteGateway>(gateway);

/// <summary><see cref="TransactionContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresTransactionTests(PostgresGateway gateway) : TransactionContract<PostgresGateway>(gateway);
