namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#reference
public abstract partial class SearchContract
{
    [DatabaseFact]
    public async Task References_by_id_type_and_id_type_modifier_and_local_absolute_url()
    {
        await PutAsync(
            Observation("o1", "1", "Patient/p1"),
            Observation("o2", "1", "Group/p1"),
            Observation("o3", "1", "Patient/p2/_history/4"),
            Observation("o4", "1", SearchHarness.BaseUrl + "/Patient/p2"));

        Assert.Equal(["o1"], await Ids("Observation", "subject=Patient/p1"));
        Assert.Equal(["o1", "o2"], await Ids("Observation", "subject=p1"));
        Assert.Equal(["o1"], await Ids("Observation", "subject:Patient=p1"));
        Assert.Equal(["o1"], await Ids("Observation", "patient=p1"));
        Assert.Equal(["o3", "o4"], await Ids("Observation", "subject=Patient/p2"));
        Assert.Equal(["o3", "o4"], await Ids("Observation", "subject=" + SearchHarness.BaseUrl + "/Patient/p2"));
    }

    [DatabaseFact]
    public async Task References_to_other_servers_match_by_url_and_logical_references_by_identifier()
    {
        await PutAsync(
            Observation("remote", "1", "http://other.example.org/fhir/Patient/9"),
            """
            {"resourceType":"Observation","id":"logical","status":"final","code":{"text":"x"},
             "subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9449305552"}}}
            """);

        Assert.Equal(["remote"], await Ids("Observation", "subject=http://other.example.org/fhir/Patient/9"));
        Assert.Empty(await Ids("Observation", "subject=Patient/9"));
        Assert.Equal(["logical"], await Ids("Observation", "subject:identifier=https://fhir.nhs.uk/Id/nhs-number|9449305552"));
        // patient is subject.where(resolve() is Patient): a reference by identifier alone counts when it says its type.
        Assert.Empty(await Ids("Observation", "patient:identifier=9449305552"));
        await PutAsync("""
            {"resourceType":"Observation","id":"typed","status":"final","code":{"text":"x"},
             "subject":{"type":"Patient","identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9449305552"}}}
            """);
        Assert.Equal(["typed"], await Ids("Observation", "patient:identifier=9449305552"));
        Assert.Equal(["logical", "typed"], await Ids("Observation", "subject:identifier=9449305552"));
    }

    [DatabaseFact]
    public async Task References_to_contained_resources_match_by_their_local_url()
    {
        await PutAsync(
            """
            {"resourceType":"Observation","id":"apgar","status":"final","code":{"text":"apgar"},
             "contained":[{"resourceType":"Patient","id":"newborn"}],"subject":{"reference":"#newborn"}}
            """,
            Observation("named", "1", "Patient/newborn"));

        // The same id outside the container is another resource: each search finds only its own.
        Assert.Equal(["apgar"], await Ids("Observation", "subject=%23newborn"));
        Assert.Equal(["named"], await Ids("Observation", "subject=Patient/newborn"));
    }

    [DatabaseFact]
    public async Task Canonical_references_match_with_and_without_version()
    {
        await PutAsync(
            """{"resourceType":"Questionnaire","id":"q","status":"active","url":"http://example.org/Questionnaire/asq3","version":"2"}""",
            """{"resourceType":"QuestionnaireResponse","id":"r","status":"completed","questionnaire":"http://example.org/Questionnaire/asq3|2"}""");

        Assert.Equal(["r"], await Ids("QuestionnaireResponse", "questionnaire=http://example.org/Questionnaire/asq3"));
        Assert.Equal(["r"], await Ids("QuestionnaireResponse", "questionnaire=http://example.org/Questionnaire/asq3|2"));
    }

    [DatabaseFact]
    public async Task Updates_and_deletes_change_what_is_found()
    {
        await PutAsync(Observation("o1", "1", "Patient/p1"));
        await PutAsync(Observation("o1", "2", "Patient/p2"));

        Assert.Empty(await Ids("Observation", "subject=Patient/p1"));
        Assert.Equal(["o1"], await Ids("Observation", "subject=Patient/p2&code=2"));

        await H.Store.DeleteAsync("Observation", "o1");
        Assert.Empty(await Ids("Observation", "subject=Patient/p2"));
        Assert.Empty(await Ids("Observation", ""));
    }
}
