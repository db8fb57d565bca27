
namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#string
public abstract partial class SearchContract
{
    [DatabaseFact]
    public async Task String_search_matches_the_start_ignoring_case_and_accents()
    {
        await PutAsync(Patient("a", "Müller"), Patient("b", "Muller-Smith"), Patient("c", "Mueller"), Patient("d", "Smith"));

        Assert.Equal(["a", "b"], await Ids("Patient", "family=muller"));
        Assert.Equal(["a", "b"], await Ids("Patient", "family=MÜL"));
        Assert.Equal(["d"], await Ids("Patient", "family=smith"));
        Assert.Empty(await Ids("Patient", "family=ller"));
    }

    [DatabaseFact]
    public async Task String_exact_and_contains()
    {
        await PutAsync(Patient("a", "Müller"), Patient("b", "Muller-Smith"), Patient("c", "Mueller"), Patient("d", "Smith"));

        Assert.Equal(["a"], await Ids("Patient", "family:exact=Müller"));
        Assert.Empty(await Ids("Patient", "family:exact=müller"));
        Assert.Equal(["a", "b", "c"], await Ids("Patient", "family:contains=LLER"));
        Assert.Equal(["b", "d"], await Ids("Patient", "family:contains=smi"));
    }

    [DatabaseFact]
    public async Task Name_searches_every_part_and_values_combine_with_or_and_parameters_with_and()
    {
        await PutAsync(
            Patient("a", "Chalmers", given: "Peter"),
            Patient("b", "Windsor", given: "Peter"),
            Patient("c", "Chalmers", given: "James"));

        Assert.Equal(["a", "b"], await Ids("Patient", "name=pete"));
        Assert.Equal(["a", "c"], await Ids("Patient", "name=chal"));
        Assert.Equal(["a", "b", "c"], await Ids("Patient", "given=peter,james"));
        Assert.Equal(["a"], await Ids("Patient", "given=peter&family=chalmers"));
    }

    [DatabaseFact]
    public async Task Name_address_and_telecom_are_answered_from_their_own_rows_and_those_of_the_parts_they_cover()
    {
        // A Patient writes Smith once, as a family; leeds once, as an address-city; a phone number once, as a phone
        // (CoveredRowsTests). Searches by the whole read its rows and the parts' together.
        await PutAsync(
            """
            {"resourceType":"Patient","id":"a","name":[{"prefix":["Dr"],"family":"Smith","given":["Ann"]}],
             "address":[{"line":["1 High Street"],"city":"Leeds","postalCode":"LS1 1AA"}],"telecom":[{"system":"phone","value":"0113 496 0000"}]}
            """,
            Patient("b", "Jones", given: "Bea", extra: ""","address":[{"city":"York"}],"telecom":[{"system":"fax","value":"0113 496 0001"},{"system":"email","value":"bea@example.com"}]"""),
            """{"resourceType":"Patient","id":"c","gender":"female"}""");

        Assert.Equal(["a"], await Ids("Patient", "name=smi"));
        Assert.Equal(["a"], await Ids("Patient", "name=dr"));
        Assert.Equal(["a"], await Ids("Patient", "name:exact=Ann"));
        Assert.Equal(["a", "b"], await Ids("Patient", "name:missing=false"));
        Assert.Equal(["c"], await Ids("Patient", "name:missing=true"));
        Assert.Equal(["a"], await Ids("Patient", "address=leeds"));
        Assert.Equal(["a"], await Ids("Patient", "address=ls1"));
        Assert.Equal(["a"], await Ids("Patient", "address:contains=high"));
        Assert.Equal(["b"], await Ids("Patient", "address=york&address-city=york"));
        Assert.Equal(["c"], await Ids("Patient", "address:missing=true"));
        Assert.Equal(["a"], await Ids("Patient", "telecom=0113 496 0000"));
        Assert.Equal(["a"], await Ids("Patient", "telecom=phone|"));
        Assert.Equal(["b"], await Ids("Patient", "telecom=bea@example.com,fax|0113 496 0001"));
        Assert.Equal(["a", "c"], await Ids("Patient", "telecom:not=email|bea@example.com"));
        Assert.Equal(["c"], await Ids("Patient", "telecom:missing=true"));
        Assert.Equal(["a"], await Ids("Patient", "phone=0113 496 0000"));
        Assert.Empty(await Ids("Patient", "phone=0113 496 0001"));
    }

    [DatabaseFact]
    public async Task Sorts_and_chains_by_a_covering_parameter_read_its_parts_rows_on_each_target_type()
    {
        // Under name itself x writes only dr and y only ms: sorted by those, x would come first; by all their names
        // (cole < dr), y does.
        await PutAsync(
            """{"resourceType":"Patient","id":"x","name":[{"prefix":["Dr"],"family":"Zed","given":["Fay"]}]}""",
            """{"resourceType":"Patient","id":"y","name":[{"prefix":["Ms"],"family":"Cole","given":["Eve"]}]}""",
            """{"resourceType":"Organization","id":"acme","name":"Zed Holdings"}""",
            """{"resourceType":"Organization","id":"other","name":"Other"}""",
            """{"resourceType":"Provenance","id":"p1","target":[{"reference":"Patient/x"}],"recorded":"2024-01-01T00:00:00Z","agent":[{"who":{"reference":"Organization/acme"}}]}""",
            """{"resourceType":"Provenance","id":"p2","target":[{"reference":"Organization/acme"}],"recorded":"2024-01-01T00:00:00Z","agent":[{"who":{"reference":"Organization/acme"}}]}""",
            """{"resourceType":"Provenance","id":"p3","target":[{"reference":"Patient/y"}],"recorded":"2024-01-01T00:00:00Z","agent":[{"who":{"reference":"Organization/acme"}}]}""");

        Assert.Equal(["y", "x"], await H.IdsAsync("Patient", "_sort=name"));
        Assert.Equal(["x", "y"], await H.IdsAsync("Patient", "_sort=-name"));

        // Provenance.target refers to any type: Patient's name reads name, family and given; Organization's name and
        // phonetic; InsurancePlan's too; Location's name alone.
        Assert.Equal(["p1", "p2"], await Ids("Provenance", "target.name=zed"));
        Assert.Equal(["p3"], await Ids("Provenance", "target.name=eve"));
        Assert.Equal(["p2"], await Ids("Provenance", "target:Organization.name=zed"));
        var typed = await H.SearchAsync(null, "_type=Organization,InsurancePlan&name=zed");
        Assert.Empty(typed.Issues);
        Assert.Equal(["acme"], typed.Matches.Select(m => m.Id));
    }

    [DatabaseFact]
    public async Task Phonetic_reads_the_rows_of_name_for_matching_sorting_and_missing()
    {
        // Patient's phonetic has name's expression, so it is answered from name's rows (SharedRowsTests; KD-S2 for the
        // missing phonetic algorithm).
        await PutAsync(
            Patient("a", "Chalmers", given: "Peter"),
            Patient("b", "Windsor", given: "Anne"),
            """{"resourceType":"Patient","id":"c","gender":"female"}""");

        Assert.Equal(["a"], await Ids("Patient", "phonetic=chal"));
        Assert.Equal(["b"], await Ids("Patient", "phonetic:exact=Anne"));
        Assert.Equal(["a", "b"], await Ids("Patient", "phonetic:missing=false"));
        Assert.Equal(["c"], await Ids("Patient", "phonetic:missing=true"));
        Assert.Equal(["b", "a"], await H.IdsAsync("Patient", "_sort=phonetic&phonetic:missing=false"));
        Assert.Equal(await Ids("Patient", "name=pe,ann"), await Ids("Patient", "phonetic=pe,ann"));
    }

    [DatabaseFact]
    public async Task Address_parts_are_searched_and_an_escaped_comma_is_part_of_the_value()
    {
        await PutAsync(
            Patient("a", "A", extra: ""","address":[{"line":["1 High St"],"city":"Leeds","postalCode":"LS1 4AP"}]"""),
            Patient("b", "B", extra: ""","address":[{"text":"Flat 2, Mill Lane","city":"York"}]"""));

        Assert.Equal(["a"], await Ids("Patient", "address=leeds"));
        Assert.Equal(["a"], await Ids("Patient", "address-postalcode=ls1"));
        Assert.Equal(["b"], await Ids("Patient", "address=flat 2\\, mill"));
        Assert.Equal(["a", "b"], await Ids("Patient", "address-city=york,leeds"));
    }
}
