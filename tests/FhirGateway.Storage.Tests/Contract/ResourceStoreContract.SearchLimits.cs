using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational.Search;
using FhirGateway.Storage.Search;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Long value lists and wide includes stay within the databases' statement limits (SQLite: an expression at most 1,000
// deep, a compound SELECT of at most 500 terms, a parser stack of 100 entries; https://www.sqlite.org/limits.html):
// each search here failed on SQLite before its statement was bounded.
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task Three_parameters_of_500_values_find_candidates_and_check_them()
    {
        var match = await CreatedAsync(Named("Chalmers", "Peter", "9000000009"));
        await CreatedAsync(Named("Chalmers", "Peter", "9000000017"));
        await CreatedAsync(Named("Chalmers", "James", "9000000009"));

        var identifier = new IndexCriterion("identifier", IndexKind.Token,
            Values(i => new TokenPredicate(TokenSystemMatch.Equals, TestResources.NhsNumber, "8" + i), new TokenPredicate(TokenSystemMatch.Equals, TestResources.NhsNumber, "9000000009")));

        // The identifier finds the candidates (a UNION of 500 SELECTs); the names check them (500 alternatives each).
        Assert.Equal([match.Id], await MatchesAsync("Patient", Among("family", "CHALMERS"), Among("given", "PETER"), identifier));

        // With the ids first every criterion is a check: the identifiers, exact tokens, as one EXISTS per value on SQLite.
        var ids = new IdCriterion((await MatchesAsync("Patient", Among("family", "CHALMERS"))).ToList());
        Assert.Equal([match.Id], await MatchesAsync("Patient", ids, Among("family", "CHALMERS"), Among("given", "PETER"), identifier));
    }

    [DatabaseFact]
    public async Task Alternatives_of_more_than_500_selects_find_every_match()
    {
        var byFamily = await CreatedAsync(Named("Chalmers", "Anne", "1"));
        var byGiven = await CreatedAsync(Named("Windsor", "Peter", "2"));
        await CreatedAsync(Named("Windsor", "Anne", "3"));

        // 1,500 SELECTs in all: more than one compound SELECT may hold.
        var found = await MatchesAsync("Patient", new AnyOfCriterion([Among("family", "CHALMERS"), Among("given", "PETER"), Among("family", "KING")]));

        Assert.Equal(new[] { byFamily.Id, byGiven.Id }.Order(), found.Order());
    }

    [DatabaseFact]
    public async Task A_chain_over_two_target_types_with_200_values()
    {
        var patient = await CreatedAsync(Named("Chalmers", "Peter", "1"));
        var group = await CreatedAsync(Typed("Group", IndexRow.ForString("name", "CARERS", "Carers")));
        var other = await CreatedAsync(Named("Windsor", "Anne", "2"));
        var toPatient = await CreatedAsync(Refers("Observation", "subject", patient));
        var toGroup = await CreatedAsync(Refers("Observation", "subject", group));
        await CreatedAsync(Refers("Observation", "subject", other));

        // As Observation?subject.name= does: the name's rows and its parts' (family, given), for each target type.
        var names = new AnyOfCriterion([Among("name", "CARERS", 200), Among("family", "CHALMERS", 200), Among("given", "ZED", 200)]);
        var found = await MatchesAsync("Observation", new ChainCriterion("subject", ["Patient", "Group"], [names]));

        Assert.Equal(new[] { toPatient.Id, toGroup.Id }.Order(), found.Order());
    }

    [DatabaseFact]
    public async Task A_chain_of_four_links_with_500_values_finds_candidates_and_checks_them()
    {
        var top = await CreatedAsync(Typed("Organization", IndexRow.ForString("name", "ACME", "Acme")));
        var middle = await CreatedAsync(Refers("Organization", "partof", top));
        var bottom = await CreatedAsync(Refers("Organization", "partof", middle));
        var patient = await CreatedAsync(Refers("Patient", "organization", bottom));
        var observation = await CreatedAsync(Refers("Observation", "subject", patient));
        var elsewhere = await CreatedAsync(Refers("Observation", "subject", await CreatedAsync(Refers("Patient", "organization", top))));

        // Observation?subject:Patient.organization.partof.partof.name=...: the most links a chain may have.
        var chain = new ChainCriterion("subject", ["Patient"], [new ChainCriterion("organization", ["Organization"],
            [new ChainCriterion("partof", ["Organization"], [new ChainCriterion("partof", ["Organization"], [Among("name", "ACME")])])])]);

        Assert.Equal([observation.Id], await MatchesAsync("Observation", chain));
        Assert.Equal([observation.Id], await MatchesAsync("Observation", new IdCriterion([observation.Id, elsewhere.Id]), chain));
    }

    [DatabaseFact]
    public async Task Every_order_of_two_to_four_chain_and_has_links_finds_its_match()
    {
        // Patient?_has:Observation:subject:_has:Provenance:target:..., Patient?general-practitioner._has:...: every order
        // of chain and _has links the parser allows (SearchQueryParser.MaxDepth), each link a parameter of its own so
        // that the orders do not meet, each chain over two target types, ending in a name among 500 values (fewer past
        // chains, as the parser counts comparisons). Each order is searched with the links finding candidates, with the
        // ids first (the outer link checked on each candidate), and with ids at every level (every link checked, which
        // the parser never asks for). Three _has, or two with a chain inside, overflowed SQLite's parser stack.
        var expected = new List<string>();
        var found = new List<string>();
        for (var length = 2; length <= SearchLinks; length++)
        {
            for (var bits = 0; bits < 1 << length; bits++)
            {
                var has = Enumerable.Range(0, length).Select(i => (bits >> i & 1) == 1).ToArray();
                var name = $"l{length}x{bits}";
                var match = await PathAsync(name, has, "MATCH");
                var other = await PathAsync(name, has, "OTHER");
                var ids = new IdCriterion([match[0], other[0]]);
                var order = string.Join(" ", has.Select(h => h ? "_has" : "chain"));
                foreach (var (form, criteria) in new[]
                {
                    ("found", new[] { Linked(name, has, match, other, 0, false) }),
                    ("checked", [ids, Linked(name, has, match, other, 0, false)]),
                    ("checked at every level", [ids, Linked(name, has, match, other, 0, true)]),
                })
                {
                    expected.Add($"{order}, {form}: {match[0]}");
                    found.Add($"{order}, {form}: {string.Join(", ", await MatchesAsync("Patient", criteria))}");
                }
            }
        }

        Assert.Equal(expected, found);
    }

    [DatabaseFact]
    public async Task A_reverse_wildcard_with_iterate_includes_through_every_type_that_refers()
    {
        // 40 referring types, each with a parameter that may refer to any type: a round over resources of all of them
        // looks for 40 x 40 (referring type, target type) pairs.
        var types = FhirModel.R4.ResourceTypes.Select(t => t.Name).Where(t => t != "Patient").Order(StringComparer.Ordinal).Take(40).ToList();
        var patient = await CreatedAsync(Named("Chalmers", "Peter", "1"));
        var first = new List<ResourceVersion>();
        foreach (var type in types)
        {
            first.Add(await CreatedAsync(Refers(type, "ref", patient)));
        }

        var second = new List<ResourceVersion>();
        for (var i = 0; i < types.Count; i++)
        {
            second.Add(await CreatedAsync(Refers(types[i], "ref", first[(i + 1) % types.Count])));
        }

        var page = await new RelationalResourceSearch(Store).SearchAsync(new StoreSearchQuery
        {
            ResourceTypes = ["Patient"],
            Criteria = [new IdCriterion([patient.Id])],
            Includes = [new IncludeSpec(true, null, null, null, Iterate: true, Sources: types.Select(t => new IncludeSource(t, "ref", [])).ToList())],
        });

        Assert.Equal(first.Concat(second).Select(v => v.ResourceType + "/" + v.Id).Order(), page.Included.Select(v => v.ResourceType + "/" + v.Id).Order());
        Assert.False(page.IncludesTruncated);
    }

    /// <summary>The most links of a chain or nested _has (SearchQueryParser.MaxDepth).</summary>
    private const int SearchLinks = 4;

    private static readonly string[] LinkedTypes = ["Patient", "Observation", "Provenance", "AuditEvent", "Organization"];

    /// <summary>
    /// Resources of <see cref="LinkedTypes"/> linked in the order given (a chain link refers from a level to the next,
    /// a _has link from the next level back), the last named <paramref name="value"/>; returns their ids by level.
    /// </summary>
    private async Task<List<string>> PathAsync(string name, bool[] has, string value)
    {
        var ids = Enumerable.Range(0, has.Length + 1).Select(i => $"{name}-{value.ToLowerInvariant()}{i}").ToList();
        for (var i = 0; i <= has.Length; i++)
        {
            var rows = new List<IndexRow>();
            if (i < has.Length && !has[i])
            {
                rows.Add(IndexRow.ForReference($"{name}-{i}", LinkedTypes[i + 1], ids[i + 1], null));
            }

            if (i > 0 && has[i - 1])
            {
                rows.Add(IndexRow.ForReference($"{name}-{i - 1}", LinkedTypes[i - 1], ids[i - 1], null));
            }

            if (i == has.Length)
            {
                rows.Add(IndexRow.ForString("name", value, value));
            }

            await CreatedAsync(Typed(LinkedTypes[i], [.. rows]) with { AssignedId = ids[i] });
        }

        return ids;
    }

    /// <summary>
    /// The criterion of the links from level <paramref name="level"/> on that <see cref="PathAsync"/> made, ending in a
    /// name among 500 values (halved for each chain); with <paramref name="idsFirst"/> every level below the first also
    /// names the ids of both paths, so that nothing there finds candidates and every link is checked.
    /// </summary>
    private static SearchCriterion Linked(string name, bool[] has, List<string> match, List<string> other, int level, bool idsFirst)
    {
        if (level == has.Length)
        {
            // Within the parser's 4,000 comparisons (SearchCost): the values count again for every chain's target type.
            return Among("name", "MATCH", 500 >> has.Count(h => !h));
        }

        var next = Linked(name, has, match, other, level + 1, idsFirst);
        IReadOnlyList<SearchCriterion> criteria = idsFirst ? [new IdCriterion([match[level + 1], other[level + 1]]), next] : [next];
        return has[level]
            ? new ReverseChainCriterion(LinkedTypes[level + 1], $"{name}-{level}", criteria)
            : new ChainCriterion($"{name}-{level}", [LinkedTypes[level + 1], "Group"], criteria);
    }

    /// <summary>A starts-with criterion of 500 values (by default), only the last of which is <paramref name="value"/>.</summary>
    private static IndexCriterion Among(string parameter, string value, int count = 500) =>
        new(parameter, IndexKind.String, Values(i => new StringPredicate(StringMatch.StartsWith, "NOBODY" + i), new StringPredicate(StringMatch.StartsWith, value), count));

    private static List<IndexPredicate> Values(Func<int, IndexPredicate> other, IndexPredicate last, int count = 500) =>
        [.. Enumerable.Range(0, count - 1).Select(other), last];

    private static ResourceWrite Named(string family, string given, string nhsNumber) =>
        TestResources.PatientWrite(family, nhsNumber) with
        {
            IndexRows =
            [
                IndexRow.ForString("family", family.ToUpperInvariant(), family),
                IndexRow.ForString("given", given.ToUpperInvariant(), given),
                IndexRow.ForToken("identifier", TestResources.NhsNumber, nhsNumber),
            ],
            IdentityKeys = [],
        };

    private static ResourceWrite Refers(string type, string parameter, ResourceVersion target) =>
        Typed(type, IndexRow.ForReference(parameter, target.ResourceType, target.Id, null));

    private static ResourceWrite Typed(string type, params IndexRow[] rows)
    {
        var parsed = FhirJsonReader.Parse($$"""{"resourceType":"{{type}}"}""");
        Assert.True(parsed.Success, string.Join("; ", parsed.Issues));
        return new ResourceWrite(parsed.Resource!) { IndexRows = rows };
    }

    private async Task<List<string>> MatchesAsync(string type, params SearchCriterion[] criteria)
    {
        var page = await new RelationalResourceSearch(Store).SearchAsync(new StoreSearchQuery { ResourceTypes = [type], Criteria = criteria, Count = 100 });
        return page.Matches.Select(m => m.Id).ToList();
    }
}
