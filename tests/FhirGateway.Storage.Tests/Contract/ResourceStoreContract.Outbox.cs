using System.Collections.Concurrent;
using FhirGateway.Storage.Outbox;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// The transactional outbox and its leases.
public abstract partial class ResourceStoreContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [DatabaseFact]
    public async Task Leases_hand_out_available_items_oldest_first_and_completion_removes_them()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreatedAsync(TestResources.PatientWrite("P" + i, topics: "births"))).Id);
        }

        var first = await Store.LeaseAsync(new OutboxLeaseRequest("worker-a", 2, Minute));
        var second = await Store.LeaseAsync(new OutboxLeaseRequest("worker-b", 2, Minute));
        var none = await Store.LeaseAsync(new OutboxLeaseRequest("worker-c", 2, Minute));

        Assert.Equal(ids[..2], first.Select(i => i.ResourceId));
        Assert.Equal([ids[2]], second.Select(i => i.ResourceId));
        Assert.Empty(none);
        var item = first[0];
        Assert.Equal(("births", "Patient", 1L, 1), (item.Topic, item.ResourceType, item.VersionId, item.Attempts));
        Assert.InRange(item.LeaseExpires - Harness.Clock.GetUtcNow(), TimeSpan.FromSeconds(50), Minute);

        foreach (var leased in first.Concat(second))
        {
            Assert.True(await Store.CompleteAsync(leased));
        }

        Assert.Equal(0, await CountAsync("outbox"));
        Assert.False(await Store.CompleteAsync(item));
    }

    [DatabaseFact]
    public async Task Retry_later_makes_an_item_available_again_after_the_delay()
    {
        await CreatedAsync(TestResources.PatientWrite("P", topics: "births"));
        var item = (await Store.LeaseAsync(new OutboxLeaseRequest("worker", 10, Minute))).Single();

        Assert.True(await Store.RetryLaterAsync(item, TimeSpan.FromMinutes(5)));
        Harness.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await Store.LeaseAsync(new OutboxLeaseRequest("worker", 10, Minute)));
        Harness.Clock.Advance(TimeSpan.FromMinutes(4));
        var again = (await Store.LeaseAsync(new OutboxLeaseRequest("worker", 10, Minute))).Single();

        Assert.Equal((item.ItemId, 2), (again.ItemId, again.Attempts));
        Assert.NotEqual(item.LeaseToken, again.LeaseToken);
        Assert.False(await Store.RetryLaterAsync(item, TimeSpan.Zero));
    }

    [DatabaseFact]
    public async Task An_expired_lease_passes_to_another_worker_and_the_first_can_no_longer_complete()
    {
        await CreatedAsync(TestResources.PatientWrite("P", topics: "births"));
        var stale = (await Store.LeaseAsync(new OutboxLeaseRequest("slow", 10, Minute))).Single();
        Assert.Empty(await Store.LeaseAsync(new OutboxLeaseRequest("fast", 10, Minute)));

        Harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var taken = (await Harness.NewInstance().LeaseAsync(new OutboxLeaseRequest("fast", 10, Minute))).Single();

        Assert.Equal(stale.ItemId, taken.ItemId);
        Assert.False(await Store.CompleteAsync(stale));
        Assert.True(await Store.CompleteAsync(taken));
    }

    [DatabaseFact]
    public async Task Leases_can_be_limited_to_one_topic()
    {
        await CreatedAsync(TestResources.PatientWrite("P", topics: ["births", "audit"]));

        var audit = await Store.LeaseAsync(new OutboxLeaseRequest("auditor", 10, Minute) { Topic = "audit" });

        Assert.Equal(["audit"], audit.Select(i => i.Topic));
        Assert.Equal(["births"], (await Store.LeaseAsync(new OutboxLeaseRequest("any", 10, Minute))).Select(i => i.Topic));
    }

    [DatabaseFact]
    public async Task Concurrent_workers_of_two_instances_never_lease_the_same_item()
    {
        await using (var transaction = await Store.BeginTransactionAsync())
        {
            for (var i = 0; i < 200; i++)
            {
                await transaction.CreateAsync(TestResources.PatientWrite("P" + i, topics: "births"));
            }

            await transaction.CommitAsync();
        }

        var instances = new[] { Store, Harness.NewInstance() };
        var handled = new ConcurrentBag<long>();
        await Concurrently.RunAsync(6, async worker =>
        {
            var outbox = instances[worker % 2];
            while (await outbox.LeaseAsync(new OutboxLeaseRequest("worker-" + worker, 5, Minute)) is { Count: > 0 } items)
            {
                foreach (var item in items)
                {
                    handled.Add(item.ItemId);
                    Assert.True(await outbox.CompleteAsync(item));
                }
            }

            return true;
        });

        Assert.Equal(200, handled.Count);
        Assert.Equal(200, handled.Distinct().Count());
        Assert.Equal(0, await CountAsync("outbox"));
    }
}
