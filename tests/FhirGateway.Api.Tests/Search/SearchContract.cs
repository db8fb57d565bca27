using System.IO.Compression;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Tests.Search;

/// <summary>
/// Search over HTTP (https://hl7.org/fhir/R4/http.html#search, search.html) on each database: every route, both
/// formats, handling, paging, includes, the Patient compartment and errors.
/// </summary>
public abstract class SearchContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task Patient_by_identifier_is_a_searchset_with_match_entries_and_a_self_link()
    {
        using var client = gateway.CreateClient();
        var nhs = NhsNumbers.Next();
        var id = await client.CreateAsync("Patient", SearchTestData.Patient("Ident", nhs));
        await client.CreateAsync("Patient", SearchTestData.Patient("Other", NhsNumbers.Next()));

        var bundle = await client.SearchAsync($"/fhir/Patient?identifier={TestFhir.NhsNumber}|{nhs}");

        Assert.Equal([$"Patient/{id}"], bundle.Entries("match"));
        Assert.Equal($"http://localhost/fhir/Patient/{id}", bundle.Value("entry.fullUrl"));
        var self = bundle.Link("self")!;
        Assert.StartsWith("http://localhost/fhir/Patient?identifier=", self, StringComparison.Ordinal);
        Assert.Contains(nhs, self, StringComparison.Ordinal);
        Assert.Null(bundle.Link("next"));
        Assert.NotNull(bundle.Value("meta.lastUpdated"));
    }

    [DatabaseFact]
    public async Task Observation_by_subject_and_code()
    {
        using var client = gateway.CreateClient();
        var (code, other) = (SearchTestData.UniqueCode(), SearchTestData.UniqueCode());
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Obs"));
        var someoneElse = await client.CreateAsync("Patient", SearchTestData.Patient("Obs"));
        var match = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        await client.CreateAsync("Observation", SearchTestData.Observation(patient, other));
        await client.CreateAsync("Observation", SearchTestData.Observation(someoneElse, code));

        var bundle = await client.SearchAsync($"/fhir/Observation?subject=Patient/{patient}&code={SearchTestData.CodeSystem}|{code}&_total=accurate");

        Assert.Equal([$"Observation/{match}"], bundle.Entries("match"));
        Assert.Equal("1", bundle.Value("total"));
    }

    [DatabaseFact]
    public async Task Deleted_resources_are_not_found()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var kept = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        var deleted = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        using var delete = await client.DeleteAsync($"/fhir/Patient/{deleted}");
        Assert.Equal(204, (int)delete.StatusCode);

        var bundle = await client.SearchAsync($"/fhir/Patient?family={family}");
        var byId = await client.SearchAsync($"/fhir/Patient?_id={deleted}");

        Assert.Equal([$"Patient/{kept}"], bundle.Entries("match"));
        Assert.Empty(byId.Entries("match"));
    }

    [DatabaseFact]
    public async Task Xml_pretty_json_and_gzip_carry_the_same_bundle()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var id = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        var url = $"/fhir/Patient?family={family}";

        using var xml = await client.GetAsync(url + "&_format=xml");
        using var accept = await client.SendAsync(HttpMethod.Get, url, null, ("Accept", FhirResponse.XmlMediaType));
        using var pretty = await client.GetAsync(url + "&_pretty=true");
        using var gzip = await client.SendAsync(HttpMethod.Get, url, null, ("Accept-Encoding", "gzip"));
        using var refused = await client.GetAsync(url + "&_format=text/csv");

        Assert.Equal([$"Patient/{id}"], (await SearchTestData.ReadSearchSetAsync(xml, FhirResponse.XmlMediaType)).Entries("match"));
        Assert.Equal([$"Patient/{id}"], (await SearchTestData.ReadSearchSetAsync(accept, FhirResponse.XmlMediaType)).Entries("match"));
        var prettyText = await pretty.Content.ReadAsStringAsync();
        Assert.Contains("\n", prettyText, StringComparison.Ordinal);
        Assert.Equal([$"Patient/{id}"], (await SearchTestData.ReadSearchSetAsync(pretty)).Entries("match"));
        Assert.Contains("_format=xml", (await SearchTestData.ReadSearchSetAsync(await client.GetAsync(url + "&_format=xml"), FhirResponse.XmlMediaType)).Link("self"), StringComparison.Ordinal);

        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        await using var stream = new GZipStream(await gzip.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var unzipped = FhirJsonReader.Parse(buffer.ToArray());
        Assert.True(unzipped.Success);
        Assert.Equal("searchset", unzipped.Resource!.Value("type"));

        await OutcomeAssert.IsOutcomeAsync(refused, 406, "not-supported");
    }

    [DatabaseFact]
    public async Task Every_route_answers_in_json_and_xml()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Every"));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        var expected = $"Observation/{observation}";

        foreach (var (format, mediaType) in new[] { ("json", FhirResponse.JsonMediaType), ("xml", FhirResponse.XmlMediaType) })
        {
            var criteria = $"code={SearchTestData.CodeSystem}|{code}&_format={format}";
            using var type = await client.GetAsync($"/fhir/Observation?{criteria}");
            using var post = await client.PostAsync($"/fhir/Observation/_search?_format={format}", new FormUrlEncodedContent([new("code", $"{SearchTestData.CodeSystem}|{code}")]));
            using var system = await client.GetAsync($"/fhir?_type=Observation&{criteria}");
            using var systemPost = await client.PostAsync($"/fhir/_search?_format={format}", new FormUrlEncodedContent([new("_type", "Observation"), new("code", $"{SearchTestData.CodeSystem}|{code}")]));
            using var compartment = await client.GetAsync($"/fhir/Patient/{patient}/Observation?{criteria}");

            foreach (var response in new[] { type, post, system, systemPost, compartment })
            {
                var bundle = await SearchTestData.ReadSearchSetAsync(response, mediaType);
                Assert.Equal([expected], bundle.Entries("match"));
                Assert.Contains($"_format={format}", bundle.Link("self"), StringComparison.Ordinal);
            }
        }
    }

    [DatabaseFact]
    public async Task Reverse_chains_take_the_id_and_last_updated_of_the_referring_resource()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Has"));
        var other = await client.CreateAsync("Patient", SearchTestData.Patient("Has"));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        await client.CreateAsync("Observation", SearchTestData.Observation(other, code));

        var byId = await client.SearchAsync($"/fhir/Patient?_has:Observation:subject:_id={observation}");
        var byBoth = await client.SearchAsync($"/fhir/Patient?_has:Observation:subject:_id={observation}&_has:Observation:subject:_lastUpdated=gt2000");

        Assert.Equal([$"Patient/{patient}"], byId.Entries("match"));
        Assert.Equal([$"Patient/{patient}"], byBoth.Entries("match"));
    }

    [DatabaseFact]
    public async Task A_quantity_without_a_unit_matches_the_value_as_recorded_and_one_in_ucum_units_compares_in_canonical_units()
    {
        // https://hl7.org/fhir/R4/search.html#quantity: the test Observation's value is 5 kg.
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Quantity"));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        var criteria = $"/fhir/Observation?code={SearchTestData.CodeSystem}|{code}&value-quantity=";

        Assert.Equal([$"Observation/{observation}"], (await client.SearchAsync(criteria + "5")).Entries("match"));
        Assert.Empty((await client.SearchAsync(criteria + "5000")).Entries("match"));
        Assert.Empty((await client.SearchAsync(criteria + "gt100")).Entries("match"));
        Assert.Empty((await client.SearchAsync(criteria + "ne5")).Entries("match"));
        Assert.Equal([$"Observation/{observation}"], (await client.SearchAsync(criteria + "5000|http://unitsofmeasure.org|g")).Entries("match"));
        Assert.Equal([$"Observation/{observation}"], (await client.SearchAsync(criteria + "5|http://unitsofmeasure.org|")).Entries("match"));
    }

    [DatabaseFact]
    public async Task Unknown_parameters_are_reported_in_an_outcome_entry_or_refused_under_strict_handling()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var id = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        var url = $"/fhir/Patient?family={family}&no-such-parameter=1&_text=x";

        var lenient = await client.SearchAsync(url);
        using var strict = await client.SendAsync(HttpMethod.Get, url, null, ("Prefer", "handling=strict"));
        var explicitLenient = await SearchTestData.ReadSearchSetAsync(await client.SendAsync(HttpMethod.Get, url, null, ("Prefer", "handling=lenient")));

        Assert.Equal([$"Patient/{id}"], lenient.Entries("match"));
        var outcomeEntry = lenient.Entries().First();
        Assert.Equal("outcome", outcomeEntry.Value("search.mode"));
        var issues = outcomeEntry.Resource()!.ChildrenNamed("issue").ToList();
        Assert.Equal(["no-such-parameter", "_text"], issues.Select(i => i.Value("expression")));
        Assert.All(issues, i => Assert.Equal("warning", i.Value("severity")));
        Assert.DoesNotContain("no-such-parameter", lenient.Link("self"), StringComparison.Ordinal);
        Assert.Equal([$"Patient/{id}"], explicitLenient.Entries("match"));

        var outcome = await OutcomeAssert.IsOutcomeAsync(strict, 400, "not-supported");
        Assert.Equal(2, outcome.ChildrenNamed("issue").Count());
        Assert.Equal("unknown-parameter", outcome.Value("issue.details.coding.code"));
    }

    [DatabaseFact]
    public async Task Malformed_values_are_400_whatever_the_handling()
    {
        using var client = gateway.CreateClient();

        using var date = await client.GetAsync("/fhir/Patient?birthdate=not-a-date");
        using var count = await client.GetAsync("/fhir/Patient?_count=many");
        using var cursor = await client.GetAsync("/fhir/Patient?_cursor=forged");
        using var type = await client.GetAsync("/fhir?_type=NoSuchType");
        using var xml = await client.GetAsync("/fhir/Patient?birthdate=not-a-date&_format=xml");

        Assert.Contains("birthdate", (await OutcomeAssert.IsOutcomeAsync(date, 400, "invalid")).Value("issue.expression"), StringComparison.Ordinal);
        await OutcomeAssert.IsOutcomeAsync(count, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(cursor, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(type, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(xml, 400, "invalid", FhirResponse.XmlMediaType);
    }

    [DatabaseFact]
    public async Task Paging_links_lead_through_every_match_and_back()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add($"Patient/{await client.CreateAsync("Patient", SearchTestData.Patient(family))}");
        }

        var seen = new List<string>();
        var pages = 0;
        string? url = $"/fhir/Patient?family={family}&_count=2&_total=accurate";
        string? previous = null;
        while (url is not null)
        {
            var page = await client.SearchAsync(url);
            Assert.Equal("5", page.Value("total"));
            seen.AddRange(page.Entries("match"));
            pages++;
            if (pages == 2)
            {
                previous = page.Link("previous");
            }

            url = page.Link("next") is { } next ? SearchTestData.Relative(next) : null;
            Assert.True(pages <= 3, "more pages than matches allow");
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);
        Assert.NotNull(previous);
        var first = await client.SearchAsync(SearchTestData.Relative(previous!));
        Assert.Equal(ids.Take(2), first.Entries("match"));
    }

    [DatabaseFact]
    public async Task Include_and_revinclude_add_entries_in_include_mode()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Inc"));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));

        var forward = await client.SearchAsync($"/fhir/Observation?code={SearchTestData.CodeSystem}|{code}&_include=Observation:subject");
        var reverse = await client.SearchAsync($"/fhir/Patient?_id={patient}&_revinclude=Observation:subject");

        Assert.Equal([$"Observation/{observation}"], forward.Entries("match"));
        Assert.Equal([$"Patient/{patient}"], forward.Entries("include"));
        Assert.Equal([$"Patient/{patient}"], reverse.Entries("match"));
        Assert.Equal([$"Observation/{observation}"], reverse.Entries("include"));
        Assert.Contains("_revinclude=Observation:subject", reverse.Link("self"), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Summary_elements_and_count_only()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        await client.CreateAsync("Patient", SearchTestData.Patient(family, birthDate: "2020-01-02"));
        await client.CreateAsync("Patient", SearchTestData.Patient(family, birthDate: "2021-01-02"));

        var elements = await client.SearchAsync($"/fhir/Patient?family={family}&_elements=birthDate");
        var count = await client.SearchAsync($"/fhir/Patient?family={family}&_summary=count");
        var summary = await client.SearchAsync($"/fhir/Patient?family={family}&_summary=true");

        var first = elements.Entries().First().Resource()!;
        Assert.NotNull(first.Value("birthDate"));
        Assert.Null(first.Child("name"));
        Assert.Contains(first.Child("meta")!.ChildrenNamed("tag"), t => t.Value("code") == "SUBSETTED");
        Assert.Equal("2", count.Value("total"));
        Assert.Empty(count.Entries());
        Assert.All(summary.Entries(), e => Assert.Contains(e.Resource()!.Child("meta")!.ChildrenNamed("tag"), t => t.Value("code") == "SUBSETTED"));
        Assert.Equal(2, summary.Entries().Count);
    }

    [DatabaseFact]
    public async Task Post_search_takes_url_and_form_parameters()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var match = await client.CreateAsync("Patient", SearchTestData.Patient(family, birthDate: "2020-05-06"));
        await client.CreateAsync("Patient", SearchTestData.Patient(family, birthDate: "2019-05-06"));

        using var response = await client.PostAsync(
            "/fhir/Patient/_search?birthdate=2020-05-06", new FormUrlEncodedContent([new("family", family), new("_count", "10")]));
        using var json = await client.PostAsync("/fhir/Patient/_search", TestFhir.Json("{}"));
        using var strict = await client.SendAsync(HttpMethod.Post, "/fhir/Patient/_search", new FormUrlEncodedContent([new("nope", "1")]), ("Prefer", "handling=strict"));

        var bundle = await SearchTestData.ReadSearchSetAsync(response);
        Assert.Equal([$"Patient/{match}"], bundle.Entries("match"));
        Assert.StartsWith("http://localhost/fhir/Patient?", bundle.Link("self"), StringComparison.Ordinal);
        await OutcomeAssert.IsOutcomeAsync(json, 415, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(strict, 400, "not-supported");
    }

    [DatabaseFact]
    public async Task System_search_by_type_over_get_and_post()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Sys"));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));

        var get = await client.SearchAsync($"/fhir?_type=Patient,Observation&_id={patient},{observation}");
        using var post = await client.PostAsync("/fhir/_search", new FormUrlEncodedContent([new("_type", "Patient,Observation"), new("_id", $"{patient},{observation}")]));
        var untyped = await client.SearchAsync($"/fhir?_id={observation}");

        Assert.Equal([$"Observation/{observation}", $"Patient/{patient}"], get.Entries("match").Order(StringComparer.Ordinal));
        Assert.Equal(get.Entries("match").Order(StringComparer.Ordinal), (await SearchTestData.ReadSearchSetAsync(post)).Entries("match").Order(StringComparer.Ordinal));
        Assert.Equal([$"Observation/{observation}"], untyped.Entries("match"));
        Assert.StartsWith("http://localhost/fhir?", get.Link("self"), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Patient_compartment_holds_the_patients_resources_only()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Comp"));
        var other = await client.CreateAsync("Patient", SearchTestData.Patient("Comp"));
        var mine = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        await client.CreateAsync("Observation", SearchTestData.Observation(other, code));

        var observations = await client.SearchAsync($"/fhir/Patient/{patient}/Observation");
        var filtered = await client.SearchAsync($"/fhir/Patient/{patient}/Observation?code={SearchTestData.CodeSystem}|{code}");
        var itself = await client.SearchAsync($"/fhir/Patient/{patient}/Patient");
        using var notInCompartment = await client.GetAsync($"/fhir/Patient/{patient}/Organization");

        Assert.Equal([$"Observation/{mine}"], observations.Entries("match"));
        Assert.Equal([$"Observation/{mine}"], filtered.Entries("match"));
        Assert.StartsWith($"http://localhost/fhir/Patient/{patient}/Observation?", filtered.Link("self"), StringComparison.Ordinal);
        Assert.Equal([$"Patient/{patient}"], itself.Entries("match"));
        Assert.Equal(404, (int)notInCompartment.StatusCode);
    }

    [DatabaseFact]
    public async Task The_whole_patient_compartment_spans_its_types_with_links_that_page()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Whole"));
        var other = await client.CreateAsync("Patient", SearchTestData.Patient("Whole"));
        var first = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        var second = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        await client.CreateAsync("Observation", SearchTestData.Observation(other, code));

        var all = await client.SearchAsync($"/fhir/Patient/{patient}/*");
        var observations = await client.SearchAsync($"/fhir/Patient/{patient}/*?_type=Observation&_count=1");
        var next = await client.SearchAsync(observations.Link("next")!);

        Assert.Equal(
            new[] { $"Observation/{first}", $"Observation/{second}", $"Patient/{patient}" }.Order(StringComparer.Ordinal),
            all.Entries("match").Order(StringComparer.Ordinal));
        Assert.StartsWith($"http://localhost/fhir/Patient/{patient}/*?", all.Link("self"), StringComparison.Ordinal);
        Assert.Equal(
            new[] { $"Observation/{first}", $"Observation/{second}" }.Order(StringComparer.Ordinal),
            observations.Entries("match").Concat(next.Entries("match")).Order(StringComparer.Ordinal));
    }

    [DatabaseFact]
    public async Task The_whole_patient_compartment_sorts_counts_and_includes_across_its_types()
    {
        using var client = gateway.CreateClient();
        var code = SearchTestData.UniqueCode();
        var organization = await client.CreateAsync("Organization", """{"resourceType":"Organization","name":"Centre"}""");
        var patient = await client.CreateAsync(
            "Patient", $$$"""{"resourceType":"Patient","name":[{"family":"Sorted"}],"managingOrganization":{"reference":"Organization/{{{organization}}}"}}""");
        var first = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));
        var second = await client.CreateAsync("Observation", SearchTestData.Observation(patient, code));

        var newestFirst = await client.SearchAsync($"/fhir/Patient/{patient}/*?_sort=-_lastUpdated&_total=accurate&_include=Patient:organization");

        // _lastUpdated is a parameter of every type, so it orders the types together.
        Assert.Equal([$"Observation/{second}", $"Observation/{first}", $"Patient/{patient}"], newestFirst.Entries("match"));
        Assert.Equal([$"Organization/{organization}"], newestFirst.Entries("include"));
        Assert.Equal("3", newestFirst.Value("total"));
    }

    [DatabaseFact]
    public async Task Search_routes_leave_the_other_routes_alone()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreateAsync("Patient", SearchTestData.Patient("Routes"));

        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        using var history = await client.GetAsync($"/fhir/Patient/{id}/_history");
        using var typeHistory = await client.GetAsync("/fhir/Patient/_history?_count=1");
        using var metadata = await client.GetAsync("/fhir/metadata");
        using var batch = await client.PostAsync("/fhir", TestFhir.Json("""{"resourceType":"Bundle","type":"batch"}"""));
        using var validate = await client.PostAsync("/fhir/Patient/$validate", TestFhir.Json(SearchTestData.Patient("V")));
        using var put = await client.PutAsync("/fhir/Patient", TestFhir.Json(SearchTestData.Patient("V")));

        Assert.Equal(id, (await FhirResponse.ReadAsync(read, "Patient")).Value("id"));
        Assert.Equal("history", (await FhirResponse.ReadAsync(history, "Bundle")).Value("type"));
        Assert.Equal("history", (await FhirResponse.ReadAsync(typeHistory, "Bundle")).Value("type"));
        await FhirResponse.ReadAsync(metadata, "CapabilityStatement");
        Assert.Equal("batch-response", (await FhirResponse.ReadAsync(batch, "Bundle")).Value("type"));
        Assert.Equal(200, (int)validate.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(put, 400, "invalid");
    }
}

/// <summary><see cref="SearchContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteSearchTests(SqliteGateway gateway) : SearchContract<SqliteGateway>(gateway);

/// <summary><see cref="SearchContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresSearchTests(PostgresGateway gateway) : SearchContract<PostgresGateway>(gateway);
