using FhirGateway.Storage.Configuration;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Relational.Search;
using FhirGateway.Storage.Search;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// An update writes only the index rows that changed (docs/storage.md): what searches see must be exactly the new
// version's rows, whichever rows were kept.
public abstract partial class ResourceStoreContract
{
    private static readonly DateTimeOffset Born = new(1980, 3, 4, 0, 0, 0, TimeSpan.Zero);

    [DatabaseFact]
    public async Task An_update_changing_some_values_is_found_by_the_new_values_only()
    {
        var created = await CreatedAsync(Indexed("Chalmers", Born, 0.25m, "Peter", "James"));
        var other = await CreatedAsync(Indexed("Chalmers", Born, 0.25m, "Peter"));

        await Store.UpdateAsync(created.Id, Indexed("Windsor", Born.AddDays(1), 0.5m, "Peter", "Jim"));

        Assert.Equal([created.Id], await FindAsync(Family("WINDSOR")));
        Assert.Equal([other.Id], await FindAsync(Family("CHALMERS")));
        Assert.Equal([created.Id], await FindAsync(Given("JIM")));
        Assert.Empty(await FindAsync(Given("JAMES")));
        Assert.Equal([created.Id, other.Id], await FindAsync(Given("PETER")));
        Assert.Equal([created.Id], await FindAsync(BornOn(Born.AddDays(1))));
        Assert.Equal([other.Id], await FindAsync(BornOn(Born)));
        Assert.Equal([created.Id], await FindAsync(Probability(0.5m)));
        Assert.Equal([other.Id], await FindAsync(Probability(0.25m)));
        Assert.Equal(5, await CountAsync("search_index", "param IN ('family', 'given', 'birthdate', 'probability') AND resource_key = " + await KeyOfAsync(created.Id)));
    }

    [DatabaseFact]
    public async Task An_update_with_the_same_values_keeps_the_rows_and_the_searches()
    {
        var created = await CreatedAsync(Indexed("Chalmers", Born, 0.25m, "Peter", "James"));

        // Rows written after it, so rows written again could not reuse its row keys (SQLite's next rowid is max + 1).
        await CreatedAsync(Indexed("Windsor", Born.AddYears(1), 0.5m, "Anne"));
        var before = await RowKeysAsync(created.Id);

        var updated = await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 0.25m, "Peter", "James"));

        Assert.Equal((WriteStatus.Updated, 2L), (updated.Status, updated.Version!.VersionId));
        Assert.Equal(before, await RowKeysAsync(created.Id));
        Assert.Equal([created.Id], await FindAsync(Family("CHALMERS")));
        Assert.Equal([created.Id], await FindAsync(Given("JAMES")));
        Assert.Equal([created.Id], await FindAsync(BornOn(Born)));
        Assert.Equal([created.Id], await FindAsync(Probability(0.25m)));

        // One value changed: the other rows stay where they were.
        await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 0.25m, "Peter", "Jim"));
        var after = await RowKeysAsync(created.Id);
        Assert.Equal(before.Count, after.Count);
        Assert.Single(after.Except(before));
    }

    [DatabaseFact]
    public async Task Repeated_values_are_kept_and_removed_one_for_one()
    {
        var created = await CreatedAsync(Indexed("Chalmers", Born, 0.25m, "James", "James"));
        Assert.Equal(2, await GivenRowsAsync("JAMES"));

        await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 0.25m, "James"));
        Assert.Equal(1, await GivenRowsAsync("JAMES"));

        await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 0.25m, "James", "James", "James"));
        Assert.Equal(3, await GivenRowsAsync("JAMES"));
        Assert.Equal([created.Id], await FindAsync(Given("JAMES")));

        await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 0.25m, "Peter"));
        Assert.Equal(0, await GivenRowsAsync("JAMES"));
        Assert.Empty(await FindAsync(Given("JAMES")));
        Assert.Equal([created.Id], await FindAsync(Given("PETER")));
    }

    [DatabaseFact]
    public async Task A_number_written_again_with_another_scale_is_still_found_once()
    {
        var created = await CreatedAsync(Indexed("Chalmers", Born, 1.5m, "Peter"));

        await Store.UpdateAsync(created.Id, Indexed("Chalmers", Born, 1.50m, "Peter"));

        Assert.Equal([created.Id], await FindAsync(Probability(1.5m)));
        Assert.Equal([created.Id], await FindAsync(BornOn(Born)));
        Assert.Equal(4, await CountAsync("search_index"));
    }

    private static ResourceWrite Indexed(string family, DateTimeOffset born, decimal probability, params string[] given) =>
        TestResources.PatientWrite(family) with
        {
            IndexRows =
            [
                IndexRow.ForString("family", family.ToUpperInvariant(), family),
                .. given.Select(g => IndexRow.ForString("given", g.ToUpperInvariant(), g)),
                IndexRow.ForDate("birthdate", born, born.AddDays(1).AddTicks(-10)),
                IndexRow.ForNumber("probability", probability),
            ],
        };

    private static IndexCriterion Family(string normalized) =>
        new("family", IndexKind.String, [new StringPredicate(StringMatch.StartsWith, normalized)]);

    private static IndexCriterion Given(string normalized) =>
        new("given", IndexKind.String, [new StringPredicate(StringMatch.StartsWith, normalized)]);

    private static IndexCriterion BornOn(DateTimeOffset day) =>
        new("birthdate", IndexKind.Date, [new DatePredicate(Comparator.Eq, day, day.AddDays(1).AddTicks(-10))]);

    // eq matches the half-open range the value's precision implies (https://hl7.org/fhir/R4/search.html#number).
    private static IndexCriterion Probability(decimal value) =>
        new("probability", IndexKind.Number, [new NumberPredicate(Comparator.Eq, value, value - 0.005m, value + 0.005m)]);

    private async Task<List<string>> FindAsync(SearchCriterion criterion)
    {
        var page = await new RelationalResourceSearch(Store).SearchAsync(new StoreSearchQuery { ResourceTypes = ["Patient"], Criteria = [criterion] });
        return page.Matches.Select(m => m.Id).ToList();
    }

    private Task<long> GivenRowsAsync(string normalized) => CountAsync("search_index", $"param = 'given' AND text_norm = '{normalized}'");

    private Task<long> KeyOfAsync(string id) => Harness.ScalarAsync($"SELECT resource_key FROM resources WHERE resource_id = '{id}'");

    // The physical rows (SQLite's rowid, PostgreSQL's ctid): unchanged when a row was kept rather than written again.
    private async Task<List<string>> RowKeysAsync(string id)
    {
        var column = Harness.Provider == StorageProvider.Postgres ? "ctid::text" : "CAST(rowid AS TEXT)";
        var rows = await Harness.RowsAsync($"SELECT {column} FROM search_index WHERE resource_key = {await KeyOfAsync(id)} ORDER BY 1");
        return rows.Select(r => (string)r[0]!).ToList();
    }
}
