using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Conditional create: the claim of its criteria (https://hl7.org/fhir/R4/http.html#ccreate); identity keys shared freely.
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task Conditional_create_creates_once_and_then_returns_the_match()
    {
        var first = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Chalmers", "9449305552", "births"));
        var second = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Other", "9449305552", "births"));

        Assert.Equal(WriteStatus.Created, first.Status);
        Assert.Equal(WriteStatus.Exists, second.Status);
        Assert.Equal([first.Version!.Id], second.MatchedIds);
        Assert.Equal((first.Version.Id, 1L), (second.Version!.Id, second.Version.VersionId));
        Assert.Equal("Chalmers", TestResources.FamilyOf(second.Version));
        Assert.Equal(1, await CountAsync("resources"));
        Assert.Equal(1, await CountAsync("outbox"));
    }

    [DatabaseFact]
    public async Task A_claim_is_per_criteria_and_any_criteria_can_be_claimed()
    {
        var byName = new ConditionalClaim("Patient?family=Chalmers");

        var first = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Chalmers"), byName);
        var second = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Chalmers"), byName);
        var other = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Chalmers"), new ConditionalClaim("Patient?birthdate=1974-12-25&family=Chalmers"));

        Assert.Equal(WriteStatus.Created, first.Status);
        Assert.Equal((WriteStatus.Exists, first.Version!.Id), (second.Status, second.MatchedIds.Single()));
        Assert.Equal(WriteStatus.Created, other.Status);
        var claims = await Harness.RowsAsync("SELECT resource_type, criteria FROM conditional_claims ORDER BY criteria");
        Assert.Equal(["Patient|Patient?birthdate=1974-12-25&family=Chalmers", "Patient|Patient?family=Chalmers"], claims.Select(r => $"{r[0]}|{r[1]}"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ConditionalCreateAsync(TestResources.PatientWrite("X"), new ConditionalClaim("Observation?code=x")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ConditionalCreateAsync(TestResources.PatientWrite("X"), new ConditionalClaim("Patient?")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ConditionalCreateAsync(TestResources.PatientWrite("X")));
    }

    [DatabaseFact]
    public async Task Resources_may_share_identifiers_through_create_and_update()
    {
        var first = await CreatedAsync(TestResources.PatientWrite("First", "9449305552"));
        var second = await Store.CreateAsync(TestResources.PatientWrite("Second", "9449305552"));
        var other = await CreatedAsync(TestResources.PatientWrite("Other", "1111111111"));
        var update = await Store.UpdateAsync(other.Id, TestResources.PatientWrite("Other") with
        {
            IdentityKeys = [TestResources.NhsKey("1111111111"), TestResources.NhsKey("9449305552")],
        });

        Assert.Equal(WriteStatus.Created, second.Status);
        Assert.Equal(WriteStatus.Updated, update.Status);
        var holders = await Store.FindIdentityKeyHoldersAsync([TestResources.NhsKey("9449305552")]);
        Assert.Equal(new[] { first.Id, second.Version!.Id, other.Id }.Order(StringComparer.Ordinal), holders.Select(h => h.Id));
        Assert.Equal(4, await CountAsync("identity_keys"));
    }

    [DatabaseFact]
    public async Task Delete_releases_a_claim_and_a_holder_that_no_longer_matches_can_be_replaced_only_while_it_holds_it()
    {
        var claim = new ConditionalClaim("Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9449305552");
        var holder = (await Store.ConditionalCreateAsync(TestResources.PatientWrite("Holder", "9449305552"), claim)).Version!;

        var notThatOne = await Store.ConditionalCreateAsync(TestResources.PatientWrite("New"), claim with { ReplacingHolder = "someone-else" });
        var replaced = await Store.ConditionalCreateAsync(TestResources.PatientWrite("New"), claim with { ReplacingHolder = holder.Id });
        var stale = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Late"), claim with { ReplacingHolder = holder.Id });

        Assert.Equal((WriteStatus.Exists, holder.Id), (notThatOne.Status, notThatOne.MatchedIds.Single()));
        Assert.Equal(WriteStatus.Created, replaced.Status);
        Assert.Equal((WriteStatus.Exists, replaced.Version!.Id), (stale.Status, stale.MatchedIds.Single()));
        Assert.Equal(1, await CountAsync("conditional_claims"));

        await Store.DeleteAsync("Patient", replaced.Version.Id);
        Assert.Equal(0, await CountAsync("conditional_claims"));
        var recreated = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Again"), claim);
        Assert.Equal(WriteStatus.Created, recreated.Status);
        Assert.Equal(3, await CountAsync("resources"));
    }

    [DatabaseFact]
    public async Task Sixteen_concurrent_conditional_creates_on_any_criteria_give_exactly_one_resource()
    {
        var instances = new[] { Store, Harness.NewInstance() };
        var claim = new ConditionalClaim("Patient?birthdate=1974-12-25&family=racer");

        var results = await Concurrently.RunAsync(16, i => instances[i % 2].ConditionalCreateAsync(TestResources.PatientWrite("Racer" + i), claim));

        var created = Assert.Single(results, r => r.Status == WriteStatus.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((WriteStatus.Exists, created.Version!.Id), (r.Status, r.MatchedIds.Single())));
        Assert.Equal(1, await CountAsync("resources"));
        Assert.Equal(1, await CountAsync("conditional_claims"));
    }

    [DatabaseFact]
    public async Task Sixteen_concurrent_conditional_creates_give_exactly_one_resource()
    {
        // Two store instances, as two gateway instances sharing the database, each with its own connections.
        var instances = new[] { Store, Harness.NewInstance() };

        var results = await Concurrently.RunAsync(16, i =>
            instances[i % 2].ConditionalCreateAsync(TestResources.PatientWrite("Racer" + i, "9449305552", "births")));

        var created = Assert.Single(results, r => r.Status == WriteStatus.Created);
        Assert.All(results.Where(r => r != created), r =>
        {
            Assert.Equal(WriteStatus.Exists, r.Status);
            Assert.Equal(created.Version!.Id, r.MatchedIds.Single());
        });
        Assert.Equal(1, await CountAsync("resources"));
        Assert.Equal(1, await CountAsync("resource_versions"));
        Assert.Equal(1, await CountAsync("search_index", "kind = 2"));
        Assert.Equal(1, await CountAsync("outbox"));
        Assert.Equal(1, await CountAsync("conditional_claims"));
    }

    [DatabaseFact]
    public async Task A_creator_waiting_on_an_uncommitted_key_gets_the_winner_once_it_commits()
    {
        await using var first = await Store.BeginTransactionAsync();
        var winner = await first.ConditionalCreateAsync(TestResources.PatientWrite("First", "9449305552"));
        var second = Task.Run(async () =>
        {
            await using var transaction = await Harness.NewInstance().BeginTransactionAsync();
            var result = await transaction.ConditionalCreateAsync(TestResources.PatientWrite("Second", "9449305552"));
            await transaction.CommitAsync();
            return result;
        });

        // The second creator cannot see the first one's claim yet: it waits on the claim's unique index (PostgreSQL) or
        // on the write lock (SQLite) until the first commits, and then finds the match.
        await Task.Delay(500);
        Assert.False(second.IsCompleted);
        await first.CommitAsync();
        var loser = await second;

        Assert.Equal(WriteStatus.Created, winner.Status);
        Assert.Equal((WriteStatus.Exists, winner.Version!.Id), (loser.Status, loser.MatchedIds.Single()));
        Assert.Equal(1, await CountAsync("resources"));
        Assert.Equal(1, await CountAsync("identity_keys"));
    }
}
