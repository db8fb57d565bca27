using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// The reindexer's store seam (docs/search.md#reindexing): stale resources by fingerprint, replaced by compare-and-set.
public abstract partial class ResourceStoreContract
{
    private const string Old = "v1-old";
    private const string Current = "v1-current";

    [DatabaseFact]
    public async Task Resources_stored_under_other_definitions_are_found_in_key_order_and_reindexed()
    {
        var unknown = await CreatedAsync(Unindexed("Unknown", null));
        var old = await CreatedAsync(Unindexed("Old", Old));
        await CreatedAsync(TestResources.PatientWrite("Current") with { IndexFingerprint = Current });
        var gone = await CreatedAsync(Unindexed("Gone", Old));
        Assert.Equal(WriteStatus.Deleted, (await Store.DeleteAsync("Patient", gone.Id)).Status);
        var reindex = new RelationalReindexStore(Store);

        Assert.Equal(2, await reindex.CountStaleAsync(Current, null));
        Assert.Equal(0, await reindex.CountStaleAsync(Current, "Observation"));
        var first = await reindex.FindStaleAsync(Current, "Patient", 0, 1);
        var second = await reindex.FindStaleAsync(Current, null, first[0].Key, 10);
        Assert.Equal([unknown.Id, old.Id], first.Concat(second).Select(s => s.Version.Id));
        Assert.Equal(unknown.Json.ToArray(), first[0].Version.Json.ToArray());
        Assert.Empty(await reindex.FindStaleAsync(Current, null, second[0].Key, 10));

        var replaced = await reindex.ReplaceIndexAsync(first.Concat(second).Select(s => new ReindexedResource(s, FamilyRows(s))).ToList(), Current);

        Assert.Equal(2, replaced);
        Assert.Equal(0, await reindex.CountStaleAsync(Current, null));
        Assert.Equal(3, await CountAsync("search_index", "param = 'family'"));
        Assert.Equal(1, await CountAsync("search_index", "param = 'family' AND text_norm = 'OLD'"));
        Assert.Equal(3, await reindex.CountStaleAsync(Old, null));
    }

    [DatabaseFact]
    public async Task A_write_after_the_reindexer_read_a_resource_is_never_overwritten_with_stale_rows()
    {
        var created = await CreatedAsync(Unindexed("Before", Old));
        var anotherOld = await CreatedAsync(Unindexed("Other", Old));
        var reindex = new RelationalReindexStore(Store);
        var stale = await reindex.FindStaleAsync(Current, null, 0, 10);

        // A current instance writes the first; an instance still on the old definitions writes the second.
        await Store.UpdateAsync(created.Id, TestResources.PatientWrite("After") with { IndexFingerprint = Current });
        await Store.UpdateAsync(anotherOld.Id, Unindexed("Other", Old));
        var replaced = await reindex.ReplaceIndexAsync(stale.Select(s => new ReindexedResource(s, FamilyRows(s))).ToList(), Current);

        Assert.Equal(0, replaced);
        var rows = await Harness.RowsAsync("SELECT text_norm FROM search_index WHERE param = 'family'");
        Assert.Equal(["AFTER"], rows.Select(r => (string)r[0]!));

        // The second is still stale, at its new version.
        var again = Assert.Single(await reindex.FindStaleAsync(Current, null, 0, 10));
        Assert.Equal((anotherOld.Id, 2L), (again.Version.Id, again.Version.VersionId));
    }

    [DatabaseFact]
    public async Task Two_instances_reindexing_at_once_replace_each_resource_once()
    {
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            await CreatedAsync(Unindexed("Family" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? null : Old));
        }

        var instances = new[] { Harness.NewInstance(), Harness.NewInstance() };
        var replaced = await Concurrently.RunAsync(instances.Length, async i =>
        {
            var reindex = new RelationalReindexStore(instances[i]);
            var total = 0;
            long after = 0;
            while (await reindex.FindStaleAsync(Current, null, after, 7) is { Count: > 0 } batch)
            {
                total += await reindex.ReplaceIndexAsync(batch.Select(s => new ReindexedResource(s, FamilyRows(s))).ToList(), Current);
                after = batch[^1].Key;
            }

            return total;
        });

        Assert.Equal(count, replaced.Sum());
        Assert.Equal(count, await CountAsync("search_index", "param = 'family'"));
        Assert.Equal(count, (await Harness.RowsAsync("SELECT DISTINCT resource_key FROM search_index")).Count);
        Assert.Equal(0, await new RelationalReindexStore(Store).CountStaleAsync(Current, null));
    }

    [DatabaseFact]
    public async Task A_batch_of_1000_resources_is_claimed_and_reindexed_in_one_call()
    {
        // Reindex:BatchSize at its most (ReindexOptions.MaxBatchSize): the claim names every resource and version read,
        // which as one flat OR of 1,000 terms went past SQLite's expression depth.
        const int count = 1000;
        for (var i = 0; i < count; i++)
        {
            await CreatedAsync(Unindexed("Family" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? null : Old));
        }

        var reindex = new RelationalReindexStore(Store);
        var stale = await reindex.FindStaleAsync(Current, null, 0, count);

        Assert.Equal(count, stale.Count);
        Assert.Equal(count, await reindex.ReplaceIndexAsync(stale.Select(s => new ReindexedResource(s, FamilyRows(s))).ToList(), Current));
        Assert.Equal(0, await reindex.CountStaleAsync(Current, null));
        Assert.Equal(count, await CountAsync("search_index", "param = 'family'"));
    }

    [DatabaseFact]
    public async Task Writes_racing_a_reindexer_keep_their_own_rows()
    {
        const int count = 40;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await CreatedAsync(Unindexed("Stale", Old))).Id);
        }

        var writer = Harness.NewInstance();
        var reindexer = new RelationalReindexStore(Harness.NewInstance());
        await Concurrently.RunAsync(2, async i =>
        {
            if (i == 0)
            {
                // Other instances rewrite every resource, newest first: half under the current definitions, half
                // under the old ones (an instance not yet upgraded), each with its own rows.
                for (var n = count - 1; n >= 0; n--)
                {
                    var family = "Fresh" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await writer.UpdateAsync(ids[n], TestResources.PatientWrite(family) with { IndexFingerprint = n % 2 == 0 ? Current : Old });
                }

                return 0;
            }

            return await ReindexAllAsync(reindexer, 3);
        });

        // The next run (the next start) reindexes what the old instance wrote; every resource then has exactly the
        // rows of its current version.
        await ReindexAllAsync(reindexer, 100);
        Assert.Equal(0, await reindexer.CountStaleAsync(Current, null));
        var rows = await Harness.RowsAsync("SELECT text_exact FROM search_index WHERE param = 'family' ORDER BY text_exact");
        Assert.Equal(
            Enumerable.Range(0, count).Select(n => "Fresh" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            rows.Select(r => (string)r[0]!));
    }

    private static async Task<int> ReindexAllAsync(RelationalReindexStore reindex, int batchSize)
    {
        var total = 0;
        long after = 0;
        while (await reindex.FindStaleAsync(Current, null, after, batchSize) is { Count: > 0 } batch)
        {
            total += await reindex.ReplaceIndexAsync(batch.Select(s => new ReindexedResource(s, FamilyRows(s))).ToList(), Current);
            after = batch[^1].Key;
        }

        return total;
    }

    /// <summary>A Patient write without index rows, as stored before its parameters existed.</summary>
    private static ResourceWrite Unindexed(string family, string? fingerprint) =>
        new(TestResources.Patient(family)) { IndexFingerprint = fingerprint };

    private static IReadOnlyList<IndexRow> FamilyRows(StaleResource stale)
    {
        var family = TestResources.FamilyOf(stale.Version);
        return [IndexRow.ForString("family", family.ToUpperInvariant(), family)];
    }
}
