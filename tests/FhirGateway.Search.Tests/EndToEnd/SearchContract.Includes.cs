namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#include
public abstract partial class SearchContract
{
    private static List<string> Refs(SearchOutcome outcome, bool included) =>
        (included ? outcome.Included : outcome.Matches).Select(v => v.ResourceType + "/" + v.Id).Order(StringComparer.Ordinal).ToList();

    [DatabaseFact]
    public async Task Include_adds_the_referenced_resources_once()
    {
        await PutFamiliesAsync();

        var outcome = await H.SearchAsync("Observation", "code=8302-2&_include=Observation:subject");

        Assert.Equal(["Observation/o1", "Observation/o3", "Observation/o4"], Refs(outcome, false));
        Assert.Equal(["Patient/jim", "Patient/peter"], Refs(outcome, true));
        Assert.Equal(["Patient/peter"], Refs(await H.SearchAsync("Observation", "_id=o1,o2&_include=Observation:subject:Patient"), true));
        Assert.Empty(Refs(await H.SearchAsync("Observation", "_id=o1&_include=Observation:subject:Group"), true));
        Assert.Equal(["Patient/peter"], Refs(await H.SearchAsync("Observation", "_id=o1&_include=*"), true));
    }

    [DatabaseFact]
    public async Task Revinclude_adds_the_resources_that_refer_to_the_matches()
    {
        await PutFamiliesAsync();

        var outcome = await H.SearchAsync("Patient", "_id=peter&_revinclude=Observation:subject");

        Assert.Equal(["Patient/peter"], Refs(outcome, false));
        Assert.Equal(["Observation/o1", "Observation/o2"], Refs(outcome, true));
        Assert.Equal(["Patient/jim", "Patient/peter"], Refs(await H.SearchAsync("Organization", "_revinclude=Patient:organization"), true));
    }

    [DatabaseFact]
    public async Task Reverse_wildcards_add_what_refers_to_the_matches_through_any_reference_parameter()
    {
        await PutFamiliesAsync();
        await PutAsync(
            """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"HH"},"subject":{"reference":"Patient/peter"}}""",
            """{"resourceType":"Group","id":"g1","type":"person","actual":true}""");

        Assert.Equal(["Encounter/e1", "Observation/o1", "Observation/o2"], Refs(await H.SearchAsync("Patient", "_id=peter&_revinclude=*"), true));
        Assert.Equal(["Observation/o1", "Observation/o2"], Refs(await H.SearchAsync("Patient", "_id=peter&_revinclude=Observation:*"), true));
        Assert.Equal(["Observation/o4"], Refs(await H.SearchAsync("Group", "_revinclude=*"), true));
        Assert.Equal(["Patient/peter"], Refs(await H.SearchAsync("Organization", "_id=acme&_revinclude=*"), true));
        Assert.Empty(Refs(await H.SearchAsync("Organization", "_id=acme&_revinclude=Observation:*"), true));
        Assert.Equal(
            ["Encounter/e1", "Observation/o1", "Observation/o2", "Patient/peter"],
            Refs(await H.SearchAsync("Organization", "_id=acme&_revinclude=*&_revinclude:iterate=*"), true));
    }

    [DatabaseFact]
    public async Task Iterate_follows_includes_of_included_resources()
    {
        await PutFamiliesAsync();

        var once = await H.SearchAsync("Observation", "_id=o1&_include=Observation:subject&_include=Patient:organization");
        var iterated = await H.SearchAsync("Observation", "_id=o1&_include=Observation:subject&_include:iterate=Patient:organization");
        var reverse = await H.SearchAsync("Organization", "_id=acme&_revinclude=Patient:organization&_revinclude:iterate=Observation:subject");

        Assert.Equal(["Patient/peter"], Refs(once, true));
        Assert.Equal(["Organization/acme", "Patient/peter"], Refs(iterated, true));
        Assert.Equal(["Observation/o1", "Observation/o2", "Patient/peter"], Refs(reverse, true));
    }

    [DatabaseFact]
    public async Task Includes_never_add_types_the_caller_may_not_read()
    {
        await PutFamiliesAsync();
        var readable = new SearchOptions { BaseUrl = SearchHarness.BaseUrl, ReadableTypes = new HashSet<string> { "Observation", "Organization" } };

        var limited = await H.SearchAsync("Observation", "_include=Observation:subject&_include:iterate=Patient:organization", readable);
        var everything = await H.SearchAsync(null, "_type=Observation,Patient", readable);

        Assert.Empty(limited.Included);
        Assert.Equal(4, limited.Matches.Count);
        Assert.All(everything.Matches, m => Assert.Equal("Observation", m.ResourceType));
    }

    [DatabaseFact]
    public async Task Includes_meet_the_criteria_the_caller_is_limited_by()
    {
        await PutFamiliesAsync();
        var peter = new CompartmentReference("Patient", "peter");
        var options = new SearchOptions
        {
            BaseUrl = SearchHarness.BaseUrl,
            IncludeCriteria = type => H.Search.CompartmentCriterion(peter, type) is { } inCompartment ? [inCompartment] : null,
        };

        var included = await H.SearchAsync("Observation", "code=8302-2&_include=Observation:subject&_revinclude=Patient:organization", options);
        var revincluded = await H.SearchAsync("Organization", "_revinclude=Patient:organization", options);

        Assert.Equal(["Patient/peter"], Refs(included, true));
        Assert.Equal(["Patient/peter"], Refs(revincluded, true));
    }

    [DatabaseFact]
    public async Task Includes_stop_at_the_limit_and_say_so()
    {
        await RestartWithAsync(new() { ["Search:MaxIncludes"] = "1" });
        await PutFamiliesAsync();

        var limited = await H.SearchAsync("Observation", "code=8302-2&_include=Observation:subject");
        var enough = await H.SearchAsync("Observation", "_id=o1,o2&_include=Observation:subject");

        Assert.Single(limited.Included);
        Assert.Contains(limited.Issues, i => i.Code == "includes-truncated");
        Assert.Single(enough.Included);
        Assert.DoesNotContain(enough.Issues, i => i.Code == "includes-truncated");
    }
}
