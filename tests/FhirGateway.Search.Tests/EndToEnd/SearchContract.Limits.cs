using FhirGateway.Fhir.Model;
using FhirGateway.Search.Query;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Tests.EndToEnd;

// The requests of the search audit that answered 500 on SQLite: statements past SQLite's limits
// (https://www.sqlite.org/limits.html). Each now finds what it should on both databases, or is refused as too costly.
public abstract partial class SearchContract
{
    [DatabaseFact]
    public async Task A_reverse_wildcard_with_iterate_over_the_official_examples_finds_what_refers_to_the_match()
    {
        // Every official example that names Patient/example or Practitioner/example: resources of 58 types, so a
        // round of :iterate looks for every type that may refer to each of theirs (1,785 pairs on all the examples).
        var stored = new Dictionary<(string Type, string Id), ElementNode>();
        var names = OfficialExamples.Names.Where(n => n is "Patient-example.json" or "Practitioner-example.json" ||
            OfficialExamples.Text(n) is var t && (t.Contains("\"Patient/example\"", StringComparison.Ordinal) || t.Contains("\"Practitioner/example\"", StringComparison.Ordinal)));
        foreach (var name in names)
        {
            var resource = OfficialExamples.Get(name);
            var id = resource.Child("id")!.Value!;
            await H.Store.UpdateAsync(id, H.Indexer.PrepareWrite(resource), new UpdateOptions { AllowCreate = true });
            stored[(resource.Name, id)] = resource;
        }

        foreach (var type in new[] { "Patient", "Practitioner" })
        {
            var outcome = await H.SearchAsync(type, "_id=example&_revinclude:iterate=*");

            Assert.True(outcome.IsValid, string.Join("; ", outcome.Issues));
            Assert.Equal([$"{type}/example"], Refs(outcome, false));
            var expected = ReverseClosure(stored, (type, "example"), H.Search.Parse(type, [new("_revinclude:iterate", "*")]).Includes[0].Sources!);
            Assert.True(expected.Count > 100, $"{expected.Count} resources refer to {type}/example");
            Assert.Equal(expected, Refs(outcome, true));
        }
    }

    [DatabaseFact]
    public async Task Value_lists_of_the_audit_find_their_matches()
    {
        await PutFamiliesAsync();
        await PutAsync(
            Observation("w1", "29463-7", "Patient/peter", extra: ""","valueQuantity":{"value":72,"unit":"kg"}"""),
            Observation("w2", "29463-7", "Patient/peter", extra: ""","valueQuantity":{"value":720,"unit":"kg"}"""));
        static string Values(int count, Func<int, string> value, string last) => string.Join(",", Enumerable.Range(0, count - 1).Select(value).Append(last));

        // Observation?subject.name= with 200 values: every target type with a name, and Patient's name with its parts.
        Assert.Equal(["o1", "o2", "w1", "w2"], await Ids("Observation", "subject.name=" + Values(200, i => "n" + i, "chalmers")));

        // 500 numbers checked on the patient's observations.
        Assert.Equal(["w1"], await Ids("Observation", "subject=Patient/peter&value-quantity=" + Values(500, i => (i + 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "72")));

        // Two parameters of 500 values each, as POST Patient/_search with family= and given= sent them.
        Assert.Equal(["peter"], await Ids("Patient", "family=" + Values(500, i => "f" + i, "Chalmers") + "&given=" + Values(500, i => "g" + i, "Peter")));
    }

    [DatabaseFact]
    public async Task Searches_comparing_more_values_than_a_statement_holds_are_refused_as_too_costly()
    {
        await PutFamiliesAsync();

        // Provenance.target may refer to any type: 500 identifiers compared with those of every type.
        var outcome = await H.SearchAsync("Provenance", "target.identifier=" + string.Join(",", Enumerable.Range(0, 500).Select(i => "v" + i)));

        Assert.False(outcome.IsValid);
        Assert.Contains(outcome.Issues, i => i.Code == SearchIssueCodes.TooCostly && i.Parameter == "target.identifier");
    }

    [DatabaseFact]
    public async Task Nested_has_of_two_three_and_four_levels_find_what_the_innermost_resources_match()
    {
        await PutAuditTrailAsync();
        const string ThreeLevels = "_has:Observation:subject:_has:Provenance:target:_has:AuditEvent:entity:type";
        const string FourLevels = "_has:Patient:organization:" + ThreeLevels;

        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:subject:_has:Provenance:target:agent=Practitioner/nurse"));
        Assert.Equal(["peter"], await Ids("Patient", ThreeLevels + "=rest"));
        Assert.Equal(["jim"], await Ids("Patient", ThreeLevels + "=export"));
        Assert.Equal(["jim"], await Ids("Patient", ThreeLevels + ":not=rest"));
        Assert.Equal(["acme"], await Ids("Organization", FourLevels + "=rest"));
        Assert.Equal(["other"], await Ids("Organization", FourLevels + "=export"));

        // The ids first: the outer _has is checked on each candidate, the inner ones find theirs.
        Assert.Equal(["jim"], await Ids("Patient", "_id=peter,jim&" + ThreeLevels + "=export"));
        Assert.Equal(["acme"], await Ids("Organization", "_id=acme,other,trust&" + FourLevels + "=rest"));

        // The count is a statement of its own.
        var counted = await H.SearchAsync("Organization", FourLevels + "=rest,export&_total=accurate&_count=1");
        Assert.True(counted.IsValid, string.Join("; ", counted.Issues));
        Assert.Equal(2, counted.Total);
    }

    [DatabaseFact]
    public async Task Has_with_chains_inside_and_chains_with_has_inside_find_their_matches()
    {
        await PutAuditTrailAsync();

        // _has, _has, then a chain over every type Provenance.agent refers to that has a name, or one type.
        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:subject:_has:Provenance:target:agent.name=nightingale"));
        Assert.Equal(["jim"], await Ids("Patient", "_has:Observation:subject:_has:Provenance:target:agent:Practitioner.name=watson"));
        Assert.Equal(["peter"], await Ids("Patient", "_has:Observation:subject:_has:Provenance:target:agent:Organization.partof.name=northern"));
        Assert.Equal(["peter"], await Ids("Patient", "_id=peter,jim&_has:Observation:subject:_has:Provenance:target:agent:Organization.partof.name=northern"));

        // A chain inside a _has with a _has inside: observations performed by the practitioner who acted on Peter.
        Assert.Equal(["jim"], await Ids("Patient", "_has:Observation:subject:performer:Practitioner._has:Provenance:agent:target=Patient/peter"));

        // Chains with _has inside.
        Assert.Equal(["o1"], await Ids("Observation", "subject:Patient._has:Provenance:target:_has:AuditEvent:entity:type=rest"));
        Assert.Empty(await Ids("Observation", "subject:Patient._has:Provenance:target:_has:AuditEvent:entity:type=export"));
        Assert.Equal(["o1"], await Ids("Observation", "performer:Practitioner._has:Patient:general-practitioner:_has:Provenance:target:_has:AuditEvent:entity:type=rest"));
        Assert.Equal(["o1"], await Ids("Observation", "subject:Patient.organization._has:Provenance:agent:_has:AuditEvent:entity:type=rest"));
        Assert.Equal(["o1"], await Ids("Observation", "_id=o1,o3&subject:Patient.organization._has:Provenance:agent:_has:AuditEvent:entity:type=rest"));

        // A chain over every type Provenance.target refers to, each with two _has inside.
        Assert.Equal(["pv1", "pvp"], await Ids("Provenance", "target._has:Provenance:target:_has:AuditEvent:entity:type=rest"));
    }

    /// <summary>
    /// Two patients, each with an observation, the provenance of the observation and an audit event of the provenance:
    /// Peter's (Acme, part of the Northern Trust; seen by Nurse Nightingale) audited as <c>rest</c>, Jim's (Other Trust;
    /// seen by Dr Watson) as <c>export</c>; and a provenance of Peter, by Dr Watson, audited as <c>rest</c>.
    /// </summary>
    private async Task PutAuditTrailAsync()
    {
        static string Provenance(string id, string target, params string[] agents) =>
            $$$"""
            {"resourceType":"Provenance","id":"{{{id}}}","target":[{"reference":"{{{target}}}"}],"recorded":"2024-05-01T10:00:00Z",
             "agent":[{{{string.Join(",", agents.Select(a => $$$"""{"who":{"reference":"{{{a}}}"}}"""))}}}]}
            """;
        static string Audit(string id, string type, string entity) =>
            $$$"""
            {"resourceType":"AuditEvent","id":"{{{id}}}","type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"{{{type}}}"},
             "recorded":"2024-05-01T10:00:00Z","agent":[{"requestor":true}],"source":{"observer":{"display":"gateway"}},"entity":[{"what":{"reference":"{{{entity}}}"}}]}
            """;

        await PutAsync(
            """{"resourceType":"Organization","id":"trust","name":"Northern Trust"}""",
            """{"resourceType":"Organization","id":"acme","name":"Acme Children's Centre","partOf":{"reference":"Organization/trust"}}""",
            """{"resourceType":"Organization","id":"other","name":"Other Trust"}""",
            """{"resourceType":"Practitioner","id":"nurse","name":[{"family":"Nightingale","given":["Florence"]}]}""",
            """{"resourceType":"Practitioner","id":"doc","name":[{"family":"Watson","given":["John"]}]}""",
            Patient("peter", "Chalmers", given: "Peter", extra: ""","managingOrganization":{"reference":"Organization/acme"},"generalPractitioner":[{"reference":"Practitioner/nurse"}]"""),
            Patient("jim", "Windsor", given: "Jim", extra: ""","managingOrganization":{"reference":"Organization/other"},"generalPractitioner":[{"reference":"Practitioner/doc"}]"""),
            Observation("o1", "8302-2", "Patient/peter", extra: ""","performer":[{"reference":"Practitioner/nurse"}]"""),
            Observation("o3", "8302-2", "Patient/jim", extra: ""","performer":[{"reference":"Practitioner/doc"}]"""),
            Provenance("pv1", "Observation/o1", "Practitioner/nurse", "Organization/acme"),
            Provenance("pv3", "Observation/o3", "Practitioner/doc"),
            Provenance("pvp", "Patient/peter", "Practitioner/doc"),
            Audit("ae1", "rest", "Provenance/pv1"),
            Audit("ae3", "export", "Provenance/pv3"),
            Audit("aep", "rest", "Provenance/pvp"));
    }

    /// <summary>
    /// What <c>_revinclude:iterate=*</c> includes, worked out from the index rows of the stored resources: rounds of the
    /// current resources that refer to the previous round's through a parameter that may refer to their type.
    /// </summary>
    private List<string> ReverseClosure(Dictionary<(string Type, string Id), ElementNode> stored, (string Type, string Id) match, IReadOnlyList<IncludeSource> sources)
    {
        var references = stored.ToDictionary(
            s => s.Key,
            s => H.Indexer.PrepareWrite(s.Value).IndexRows.Where(r => r.Kind == IndexKind.Reference && r.Group is null && r.ReferenceId is not null).ToList());
        var seen = new HashSet<(string, string)> { match };
        var round = new List<(string Type, string Id)> { match };
        for (var i = 0; i <= 8 && round.Count > 0; i++)
        {
            round = references
                .Where(s => !seen.Contains(s.Key) && s.Value.Any(r => round.Contains((r.ReferenceType!, r.ReferenceId!)) &&
                    sources.Any(p => p.SourceType == s.Key.Type && p.Parameter == r.Parameter && (p.Targets.Count == 0 || p.Targets.Contains(r.ReferenceType!)))))
                .Select(s => s.Key)
                .ToList();
            seen.UnionWith(round);
        }

        return seen.Where(s => s != match).Select(s => s.Item1 + "/" + s.Item2).Order(StringComparer.Ordinal).ToList();
    }
}
