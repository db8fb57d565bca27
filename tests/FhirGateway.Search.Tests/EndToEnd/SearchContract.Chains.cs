namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#chaining and #has
public abstract partial class SearchContract
{
    private async Task PutFamiliesAsync()
    {
        await PutAsync(
            """{"resourceType":"Organization","id":"acme","name":"Acme Children's Centre"}""",
            """{"resourceType":"Organization","id":"other","name":"Other Trust"}""",
            Patient("peter", "Chalmers", given: "Peter", extra: $$""","identifier":[{"system":"{{NhsNumber}}","value":"111"}],"managingOrganization":{"reference":"Organization/acme"}"""),
            Patient("jim", "Windsor", given: "Jim", extra: $$""","identifier":[{"system":"{{NhsNumber}}","value":"222"}],"managingOrganization":{"reference":"Organization/other"}"""),
            Observation("o1", "8302-2", "Patient/peter"),
            Observation("o2", "29463-7", "Patient/peter"),
            Observation("o3", "8302-2", "Patient/jim"),
            Observation("o4", "8302-2", "Group/g1"));
    }

    [DatabaseFact]
    public async Task Chains_search_the_referenced_resources()
    {
        await PutFamiliesAsync();

        Assert.Equal(["o1", "o2"], await Ids("Observation", $"subject:Patient.identifier={NhsNumber}|111"));
        Assert.Equal(["o1", "o2"], await Ids("Observation", "subject.name=peter"));
        Assert.Equal(["o1", "o2"], await Ids("Observation", "patient.family=chal"));
        Assert.Equal(["o3"], await Ids("Observation", "subject:Patient.organization.name=other"));
        Assert.Equal(["o1"], await Ids("Observation", "subject:Patient.identifier=111&code=8302-2"));
        Assert.Equal(["o1", "o2", "o3"], await Ids("Observation", "subject:Patient._id=peter,jim"));
    }

    [DatabaseFact]
    public async Task Reverse_chains_find_resources_referred_to_by_matching_ones()
    {
        await PutFamiliesAsync();

        Assert.Equal(["jim", "peter"], await Ids("Patient", "_has:Observation:patient:code=8302-2"));
        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:patient:code=29463-7"));
        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:subject:code=8302-2&_has:Observation:subject:code=29463-7"));
        Assert.Equal(["acme"], await Ids("Organization", "_has:Patient:organization:_has:Observation:patient:code=29463-7"));
        Assert.Empty(await Ids("Patient", "_has:Observation:patient:code=nothing"));
    }

    [DatabaseFact]
    public async Task Reverse_chains_take_the_id_and_last_updated_of_the_referring_resources()
    {
        // https://hl7.org/fhir/R4/search.html#has: any parameter of the referring type, _id and _lastUpdated included.
        await PutFamiliesAsync();
        var before = H.Clock.GetUtcNow().AddMinutes(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        H.Clock.Advance(TimeSpan.FromHours(1));
        await PutAsync(Observation("o3", "8302-2", "Patient/jim", extra: ""","note":[{"text":"changed"}]"""));

        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:patient:_id=o2"));
        Assert.Equal(["jim", "peter"], await Ids("Patient", "_has:Observation:subject:_id=o1,o3"));
        Assert.Empty(await Ids("Patient", "_has:Observation:subject:_id=o4"));
        Assert.Equal(["jim"], await Ids("Patient", "_has:Observation:subject:_id:not=o1,o2"));
        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:patient:_id=o1&_has:Observation:patient:code=29463-7"));
        Assert.Equal(["jim"], await Ids("Patient", $"_has:Observation:subject:_lastUpdated=gt{before}"));
        Assert.Equal(["peter"], await Ids("Patient", $"_has:Observation:subject:_lastUpdated=lt{before}&_has:Observation:subject:_id=o2"));
        Assert.Equal(["jim", "peter"], await Ids("Patient", "_has:Observation:subject:_lastUpdated=gt2000"));
        Assert.Equal(["other"], await Ids("Organization", "_has:Patient:organization:_has:Observation:patient:_id=o3"));
        Assert.Equal(["acme"], await Ids("Organization", "_has:Patient:organization:_id=peter"));
        Assert.Equal(["o1", "o2"], await Ids("Observation", "subject:Patient._has:Observation:patient:_id=o2"));
    }

    [DatabaseFact]
    public async Task Reverse_chains_by_id_find_the_official_examples_they_refer_to()
    {
        await H.PutExamplesAsync(
            "Patient-example.json", "Encounter-example.json", "Observation-example.json", "Observation-abdo-tender.json",
            "Observation-bgpanel.json", "Observation-bloodgroup.json", "Observation-rhstatus.json");

        Assert.Equal(["example"], await Ids("Patient", "_has:Observation:patient:_id=example"));
        Assert.Equal(["example"], await Ids("Encounter", "_has:Observation:encounter:_id=abdo-tender"));
        Assert.Equal(["bloodgroup", "rhstatus"], await Ids("Observation", "_has:Observation:has-member:_id=bgpanel"));
        Assert.Equal(["example"], await Ids("Patient", "_has:Observation:subject:_lastUpdated=gt2000"));
        Assert.Equal(["example"], await Ids("Observation", "subject._id=example&_id=example"));
    }

    [DatabaseFact]
    public async Task Unknown_chains_are_reported()
    {
        await PutFamiliesAsync();

        var outcome = await H.SearchAsync("Observation", "subject:Patient.nonsense=1&code=8302-2");

        Assert.True(outcome.IsValid);
        Assert.Equal(["o1", "o3", "o4"], outcome.Matches.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Contains(outcome.Issues, i => i.Code == "unknown-parameter" && i.Parameter == "subject:Patient.nonsense");
    }

    [DatabaseFact]
    public async Task Compartments_hold_what_refers_to_the_patient()
    {
        await PutFamiliesAsync();
        var inPeter = new SearchOptions { BaseUrl = SearchHarness.BaseUrl, Compartment = new CompartmentReference("Patient", "peter") };

        Assert.Equal(["o1", "o2"], (await H.IdsAsync("Observation", "", inPeter)).Order(StringComparer.Ordinal));
        Assert.Equal(["o1"], await H.IdsAsync("Observation", "code=8302-2", inPeter));
        Assert.Equal(["peter"], await H.IdsAsync("Patient", "", inPeter));
        Assert.Empty(await H.IdsAsync("Organization", "", inPeter));
    }

    [DatabaseFact]
    public async Task The_whole_compartment_holds_each_type_through_its_own_parameters()
    {
        await PutFamiliesAsync();
        await PutAsync(
            """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"HH"},"subject":{"reference":"Patient/peter"}}""",
            """{"resourceType":"Encounter","id":"e2","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"HH"},"subject":{"reference":"Patient/jim"}}""",
            // focus is a search parameter of Observation but not one of its compartment parameters (subject, performer).
            """{"resourceType":"Observation","id":"o5","status":"final","code":{"text":"focus"},"subject":{"reference":"Patient/jim"},"focus":[{"reference":"Patient/peter"}]}""");
        var inPeter = new SearchOptions { BaseUrl = SearchHarness.BaseUrl, Compartment = new CompartmentReference("Patient", "peter") };

        Assert.Equal(["e1", "o1", "o2", "peter"], (await H.IdsAsync(null, "", inPeter)).Order(StringComparer.Ordinal));
        Assert.Equal(["o5"], await H.IdsAsync("Observation", "focus=Patient/peter"));
        Assert.Equal(["o1", "o2"], (await H.IdsAsync(null, "_type=Observation", inPeter)).Order(StringComparer.Ordinal));
        Assert.Equal(["e1"], await H.IdsAsync(null, "_type=Encounter,Organization", inPeter));
        Assert.Empty(await H.IdsAsync(null, "_type=Organization", inPeter));
        Assert.Equal(["o1"], await H.IdsAsync(null, "_id=o1,o3,e2", inPeter));

        // Repeated _type parameters sharing no type leave nothing, in the compartment as in any system search.
        Assert.Empty(await H.IdsAsync(null, "_type=Observation&_type=Encounter", inPeter));
        Assert.Empty(await H.IdsAsync(null, "_type=Observation&_type=Encounter"));
        Assert.Equal(["e2", "jim", "o3", "o5"], (await H.IdsAsync(null, "", new SearchOptions { BaseUrl = SearchHarness.BaseUrl, Compartment = new CompartmentReference("Patient", "jim") })).Order(StringComparer.Ordinal));
    }
}
