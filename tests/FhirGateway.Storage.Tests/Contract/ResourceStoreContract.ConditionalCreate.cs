using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Conditional create and identity keys (https://hl7.org/fhir/R4/http.html#ccreate).
public abstract partial class ResourceStoreContract
{
    [StoreFact]
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

    [StoreFact]
    public async Task Conditional_create_with_keys_held_by_different_resources_is_multiple_matches()
    {
        var a = await Store.ConditionalCreateAsync(TestResources.PatientWrite("A", "1111111111"));
        var b = await Store.ConditionalCreateAsync(TestResources.PatientWrite("B", "2222222222"));
        var both = TestResources.PatientWrite("AB") with { IdentityKeys = [TestResources.NhsKey("1111111111"), TestResources.NhsKey("2222222222")] };

        var result = await Store.ConditionalCreateAsync(both);

        Assert.Equal(WriteStatus.MultipleMatches, result.Status);
        Assert.Equal(new[] { a.Version!.Id, b.Version!.Id }.Order(StringComparer.Ordinal), result.MatchedIds);
        Assert.Equal(2, await CountAsync("resources"));
    }

    [StoreFact]
    public async Task A_key_held_by_another_resource_blocks_plain_create_and_update()
    {
        var holder = await CreatedAsync(TestResources.PatientWrite("Holder", "9449305552"));
        var other = await CreatedAsync(TestResources.PatientWrite("Other", "1111111111"));

        var create = await Store.CreateAsync(TestResources.PatientWrite("Copy", "9449305552"));
        var update = await Store.UpdateAsync(other.Id, TestResources.PatientWrite("Other") with
        {
            IdentityKeys = [TestResources.NhsKey("0000000000"), TestResources.NhsKey("9449305552")],
        });

        Assert.Equal((WriteStatus.IdentityConflict, holder.Id), (create.Status, create.MatchedIds.Single()));
        Assert.Equal((WriteStatus.IdentityConflict, holder.Id), (update.Status, update.MatchedIds.Single()));
        Assert.Equal(1, (await Store.ReadAsync("Patient", other.Id)).Version!.VersionId);
        var keys = await Harness.RowsAsync("SELECT identity_key FROM identity_keys ORDER BY identity_key");
        Assert.Equal([TestResources.NhsKey("1111111111"), TestResources.NhsKey("9449305552")], keys.Select(k => (string)k[0]!));
    }

    [StoreFact]
    public async Task Updates_keep_release_and_take_keys_and_delete_frees_them()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("P") with { IdentityKeys = [TestResources.NhsKey("A"), TestResources.NhsKey("B")] });
        await Store.UpdateAsync(created.Id, TestResources.PatientWrite("P") with { IdentityKeys = [TestResources.NhsKey("B"), TestResources.NhsKey("C")] });

        Assert.Equal(WriteStatus.Created, (await Store.ConditionalCreateAsync(TestResources.PatientWrite("New A", "A"))).Status);
        Assert.Equal(created.Id, (await Store.ConditionalCreateAsync(TestResources.PatientWrite("C", "C"))).Version!.Id);

        await Store.DeleteAsync("Patient", created.Id);
        Assert.Equal(1, await CountAsync("identity_keys"));
        var recreated = await Store.ConditionalCreateAsync(TestResources.PatientWrite("New C", "C"));
        Assert.Equal(WriteStatus.Created, recreated.Status);
        Assert.NotEqual(created.Id, recreated.Version!.Id);
    }

    [StoreFact]
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
    }

    [StoreFact]
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

        // The second creator cannot see the first one's key yet: it waits on the key's unique index (PostgreSQL) or
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
