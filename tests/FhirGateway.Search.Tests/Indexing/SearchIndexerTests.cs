using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Tests.Indexing;

public sealed class SearchIndexerTests
{
    private static readonly SearchIndexer Indexer = new(SearchParameterRegistry.Official, ["https://gateway.example.org/fhir"]);

    private static List<IndexRow> Rows(string json, string parameter) => Indexer.Extract(Resources.Json(json)).Where(r => r.Parameter == parameter).ToList();

    private static List<IndexRow> Example(string name, string parameter) =>
        Indexer.Extract(OfficialExamples.Get(name)).Where(r => r.Parameter == parameter).ToList();

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Patient_example_birthdate_name_identifier_telecom_address_and_organization()
    {
        var birthdate = Assert.Single(Example("Patient-example.json", "birthdate"));
        Assert.Equal((IndexKind.Date, Utc("1974-12-25T00:00:00Z"), Utc("1974-12-25T23:59:59.999999Z")), (birthdate.Kind, birthdate.Low, birthdate.High));

        Assert.Equal(["chalmers", "windsor"], Example("Patient-example.json", "family").Select(r => r.Normalized));
        Assert.Equal(["Chalmers", "Windsor"], Example("Patient-example.json", "family").Select(r => r.Exact));
        Assert.Equal(["peter", "james", "jim"], Example("Patient-example.json", "given").Select(r => r.Normalized));

        // Every part of these names is a family or a given, whose rows name searches read too (CoveredRowsTests).
        Assert.Empty(Example("Patient-example.json", "name"));

        var identifier = Assert.Single(Example("Patient-example.json", "identifier"));
        Assert.Equal(("urn:oid:1.2.36.146.595.217.0.1", "12345"), (identifier.System, identifier.Code));
        var ofType = Assert.Single(Example("Patient-example.json", "identifier:of-type"));
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v2-0203", "MR|12345"), (ofType.System, ofType.Code));

        Assert.Equal(["(03) 5555 6473", "(03) 3410 5613", "(03) 5555 8834"], Example("Patient-example.json", "phone").Select(r => r.Code));
        Assert.All(Example("Patient-example.json", "phone"), r => Assert.Equal("phone", r.System));
        Assert.Equal(["pleasantville"], Example("Patient-example.json", "address-city").Select(r => r.Normalized));
        Assert.Equal(["http://hl7.org/fhir/administrative-gender|male"], Example("Patient-example.json", "gender").Select(r => r.System + "|" + r.Code));
        Assert.Equal(["false"], Example("Patient-example.json", "deceased").Select(r => r.Code));

        var organization = Assert.Single(Example("Patient-example.json", "organization"));
        Assert.Equal((IndexKind.Reference, "Organization", "1", (string?)null), (organization.Kind, organization.ReferenceType, organization.ReferenceId, organization.ReferenceUrl));
    }

    [Fact]
    public void Observation_example_code_value_quantity_in_canonical_units_date_and_composites()
    {
        Assert.Equal(
            ["http://loinc.org|29463-7|body weight", "http://loinc.org|3141-9|body weight measured", "http://snomed.info/sct|27113001|body weight", "http://acme.org/devices/clinical-codes|body-weight|body weight"],
            Example("Observation-example.json", "code").Select(r => $"{r.System}|{r.Code}|{r.Normalized}"));

        // 185 [lb_av] as written and by its human unit; apart, as 83914.58845 g (1 [lb_av] = 453.59237 g), which only
        // searches in UCUM units read.
        Assert.Equal(
            ["185 http://unitsofmeasure.org [lb_av]", "185  lbs"],
            Example("Observation-example.json", "value-quantity").Select(r => $"{r.Value} {r.System} {r.Code}"));
        Assert.Equal(
            ["83914.58845 http://unitsofmeasure.org g"],
            Example("Observation-example.json", "value-quantity:canonical").Select(r => $"{r.Value} {r.System} {r.Code}"));

        // A value already in canonical units has its canonical row too; a unit the engine does not convert has none.
        const string Weighed = """{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":80000,"system":"http://unitsofmeasure.org","code":"g"}}""";
        const string Counted = """{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":2,"system":"http://unitsofmeasure.org","code":"[foo]"}}""";
        Assert.Equal(["80000 http://unitsofmeasure.org g"], Rows(Weighed, "value-quantity:canonical").Select(r => $"{r.Value} {r.System} {r.Code}"));
        Assert.Empty(Rows(Counted, "value-quantity:canonical"));

        var date = Assert.Single(Example("Observation-example.json", "date"));
        Assert.Equal((Utc("2016-03-28T00:00:00Z"), Utc("2016-03-28T23:59:59.999999Z")), (date.Low, date.High));
        Assert.Equal(("Patient", "example"), (Example("Observation-example.json", "subject")[0].ReferenceType, Example("Observation-example.json", "subject")[0].ReferenceId));

        // Systolic and diastolic: two occurrences, each with its codes and its value (as written, and in canonical units).
        var components = Indexer.Extract(OfficialExamples.Get("Observation-blood-pressure.json"))
            .Where(r => r.Parameter.StartsWith("component-code-value-quantity$", StringComparison.Ordinal)).ToList();
        Assert.Equal([1, 2], components.Select(r => r.Group!.Value).Distinct().Order());
        Assert.Equal(["8462-4", "8480-6"], components.Where(r => r.Parameter == "component-code-value-quantity$0" && r.System == "http://loinc.org").Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.Equal([60m, 107m], components.Where(r => r.Parameter == "component-code-value-quantity$1" && r.Code == "mm[Hg]").Select(r => r.Value!.Value).Order());
        Assert.Equal(
            [(1, "m-1.g.s-2"), (2, "m-1.g.s-2")],
            components.Where(r => r.Parameter == "component-code-value-quantity$1:canonical").Select(r => (r.Group!.Value, r.Code!)).Order());
        Assert.DoesNotContain(components, r => r.Parameter == "component-code-value-quantity$1" && r.Code != "mm[Hg]" && r.Code != "mmHg");
    }

    [Fact]
    public void Date_times_with_timezones_and_open_periods_become_UTC_ranges()
    {
        var instant = Assert.Single(Example("Observation-656.json", "date"));
        Assert.Equal((Utc("2017-05-03T19:54:26Z"), Utc("2017-05-03T19:54:26.999999Z")), (instant.Low, instant.High));

        // effectivePeriod with a start only: open-ended.
        var period = Assert.Single(Example("Observation-f001.json", "date"));
        Assert.Equal((Utc("2013-04-02T08:30:10Z"), FhirDateRange.Max), (period.Low, period.High));

        var month = Assert.Single(Rows("""{"resourceType":"Patient","birthDate":"1974-12"}""", "birthdate"));
        Assert.Equal((Utc("1974-12-01T00:00:00Z"), Utc("1974-12-31T23:59:59.999999Z")), (month.Low, month.High));
    }

    [Fact]
    public void Timing_covers_its_events_and_bounds()
    {
        var rows = Rows("""
            {"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/p"},
             "activity":[{"detail":{"status":"scheduled","scheduledTiming":{"event":["2021-03-01T09:00:00Z","2021-02-01"],
               "repeat":{"boundsPeriod":{"start":"2021-01-15","end":"2021-06-30"}}}}}]}
            """, "activity-date");

        var row = Assert.Single(rows);
        Assert.Equal((Utc("2021-01-15T00:00:00Z"), Utc("2021-06-30T23:59:59.999999Z")), (row.Low, row.High));
    }

    [Fact]
    public void References_local_absolute_remote_contained_canonical_and_logical()
    {
        var rows = Rows("""
            {"resourceType":"Observation","status":"final","code":{"text":"x"},
             "contained":[{"resourceType":"Practitioner","id":"gp"}],
             "subject":{"reference":"https://gateway.example.org/fhir/Patient/p1"},
             "performer":[{"reference":"#gp"},{"reference":"http://other.example.org/fhir/Practitioner/9"},{"reference":"Practitioner/7/_history/2"},
                          {"identifier":{"system":"urn:sys","value":"42"}}]}
            """, "performer");

        Assert.Equal(
            ["Practitioner//#gp", "//http://other.example.org/fhir/Practitioner/9", "Practitioner/7/"],
            rows.Select(r => $"{r.ReferenceType}/{r.ReferenceId}/{r.ReferenceUrl}"));
        var local = Assert.Single(Rows("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"https://gateway.example.org/fhir/Patient/p1"}}""", "subject"));
        Assert.Equal(("Patient", "p1", "https://gateway.example.org/fhir/Patient/p1"), (local.ReferenceType, local.ReferenceId, local.ReferenceUrl));
        var logical = Assert.Single(Rows("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"performer":[{"identifier":{"system":"urn:sys","value":"42"}}]}""", "performer:identifier"));
        Assert.Equal(("urn:sys", "42"), (logical.System, logical.Code));
        Assert.Equal(
            ["http://example.org/Questionnaire/q|3", "http://example.org/Questionnaire/q"],
            Rows("""{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"http://example.org/Questionnaire/q|3"}""", "questionnaire").Select(r => r.ReferenceUrl));
    }

    [Fact]
    public void Resolve_decides_typed_parameters_by_the_reference_type()
    {
        const string json = """{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Group/g1"}}""";

        Assert.Single(Rows(json, "subject"));
        Assert.Empty(Rows(json, "patient"));
        Assert.Single(Rows(json.Replace("Group/g1", "Patient/p1", StringComparison.Ordinal), "patient"));
    }

    [Fact]
    public void Ranges_money_numbers_and_uris()
    {
        var range = Assert.Single(Rows(
            """
            {"resourceType":"ActivityDefinition","status":"active","useContext":[{"code":{"code":"age"},
             "valueRange":{"low":{"value":2,"system":"http://unitsofmeasure.org","code":"a"},"high":{"value":3,"system":"http://unitsofmeasure.org","code":"a"}}}]}
            """,
            "context-quantity"), r => r.Code == "a");
        Assert.Equal((2m, 3m), (range.Value, range.ValueHigh));

        var probability = Assert.Single(Rows(
            """{"resourceType":"RiskAssessment","status":"final","subject":{"reference":"Patient/p"},"prediction":[{"probabilityDecimal":0.25}]}""", "probability"));
        Assert.Equal((IndexKind.Number, 0.25m), (probability.Kind, probability.Value));

        var money = Assert.Single(Rows("""{"resourceType":"Invoice","status":"issued","totalNet":{"value":12.5,"currency":"GBP"}}""", "totalnet"));
        Assert.Equal((12.5m, "urn:iso:std:iso:4217", "GBP"), (money.Value, money.System, money.Code));

        Assert.Equal(["http://example.org/vs"], Rows("""{"resourceType":"ValueSet","status":"active","url":"http://example.org/vs"}""", "url").Select(r => r.Uri));
    }

    [Fact]
    public void Codeable_concept_text_and_meta_tags_are_tokens()
    {
        var rows = Indexer.Extract(Resources.Json("""
            {"resourceType":"Condition","subject":{"reference":"Patient/p"},"code":{"text":"Développement retardé"},
             "meta":{"tag":[{"system":"urn:t","code":"a","display":"Tag A"}],"security":[{"system":"urn:s","code":"R"}],"profile":["http://example.org/p"]}}
            """));

        Assert.Contains(rows, r => r is { Parameter: "code", System: null, Code: null, Normalized: "developpement retarde" });
        Assert.Contains(rows, r => r is { Parameter: "_tag", System: "urn:t", Code: "a", Normalized: "tag a" });
        Assert.Contains(rows, r => r is { Parameter: "_security", System: "urn:s", Code: "R" });
        Assert.Contains(rows, r => r is { Parameter: "_profile", Kind: IndexKind.Reference or IndexKind.Uri });
        Assert.DoesNotContain(rows, r => r.Parameter is "_id" or "_lastUpdated");
    }

    [Fact]
    public void Every_official_example_indexes_without_failing()
    {
        var failures = new List<string>();
        var indexed = 0;
        foreach (var name in OfficialExamples.Names)
        {
            try
            {
                var resource = OfficialExamples.Get(name);
                if (Indexer.Extract(resource).Count > 0)
                {
                    indexed++;
                }
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                failures.Add(name + ": " + e.Message);
            }
            catch (InvalidDataException)
            {
                // A few official examples do not read as R4 (the reader's own known issues); nothing to index.
            }
        }

        Assert.Empty(failures);
        Assert.True(indexed > 2000, $"only {indexed} examples made index rows");
    }
}
