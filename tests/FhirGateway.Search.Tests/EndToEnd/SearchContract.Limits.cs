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
