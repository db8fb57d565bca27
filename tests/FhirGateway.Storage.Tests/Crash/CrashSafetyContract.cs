using System.Globalization;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage.CrashWriter;
using FhirGateway.Storage.Tests.Support;
using Xunit.Abstractions;

namespace FhirGateway.Storage.Tests.Crash;

/// <summary>
/// Writes are transactional: a process killed during a write leaves no partial resource, index rows, identity keys,
/// outbox items or history. A child process writes transactions of three creates plus an update or delete in a loop
/// and is killed at random moments; after each kill the database must hold only complete transactions.
/// </summary>
public abstract class CrashSafetyContract(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 5;
    private IStoreHarness? _harness;

    internal IStoreHarness Harness => _harness!;

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task Killing_a_writer_mid_write_leaves_only_complete_transactions()
    {
        await Harness.Store.InitializeAsync();
        var random = new Random(20261121);
        var midTransaction = 0;
        var commits = 0;
        for (var run = 1; run <= Kills; run++)
        {
            var (mid, committed) = await CrashWriterProcess.RunAndKillAsync(Harness.Provider.ToString(), Harness.Target, run, random);
            midTransaction += mid ? 1 : 0;
            commits += committed;
            await CheckAsync();
        }

        output.WriteLine($"{Kills} kills, {midTransaction} inside a transaction; {commits} transactions committed.");
        Assert.True(midTransaction > 0, "No kill landed inside a transaction.");
        Assert.True(await Harness.ScalarAsync("SELECT COUNT(*) FROM resources") >= commits * CrashConventions.BatchSize);
    }

    internal abstract Task<IStoreHarness> CreateHarnessAsync();

    /// <summary>The database's own consistency checks (SQLite: integrity and foreign keys).</summary>
    internal virtual Task CheckDatabaseAsync() => Task.CompletedTask;

    private async Task CheckAsync()
    {
        await CheckDatabaseAsync();

        // A new instance starts on the database the killed one left (recovery, migrations found applied).
        var store = Harness.NewInstance();
        await store.InitializeAsync();

        var resources = (await Harness.RowsAsync("SELECT resource_key, resource_id, version, deleted FROM resources"))
            .ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => (Id: (string)r[1]!, Version: Convert.ToInt64(r[2], CultureInfo.InvariantCulture), Deleted: Convert.ToBoolean(r[3], CultureInfo.InvariantCulture)));
        var versions = (await Harness.RowsAsync("SELECT resource_key, version, change, json FROM resource_versions ORDER BY resource_key, version"))
            .GroupBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Select(r => (Version: Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Change: (ResourceChange)Convert.ToInt32(r[2], CultureInfo.InvariantCulture), Json: r[3] as byte[])).ToList());
        var index = (await Harness.RowsAsync("SELECT resource_key, param, code, text_exact FROM search_index"))
            .ToLookup(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
        var keys = (await Harness.RowsAsync("SELECT resource_key, identity_key FROM identity_keys"))
            .ToLookup(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => (string)r[1]!);
        var outbox = (await Harness.RowsAsync($"SELECT resource_id, version FROM outbox WHERE topic = '{CrashConventions.Topic}'"))
            .Select(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(resources.Keys.Order(), versions.Keys.Order());
        var members = new Dictionary<long, List<int>>();
        foreach (var (key, resource) in resources)
        {
            var history = versions[key];
            Assert.Equal(Enumerable.Range(1, (int)resource.Version).Select(v => (long)v), history.Select(v => v.Version));
            Assert.Equal(resource.Deleted, history[^1].Change == ResourceChange.Delete);
            (long Batch, int Member)? identity = null;
            foreach (var version in history)
            {
                if (version.Change == ResourceChange.Delete)
                {
                    Assert.Null(version.Json);
                    continue;
                }

                var parsed = FhirJsonReader.Parse(version.Json);
                Assert.True(parsed.Success, $"Version {version.Version} of {resource.Id} does not parse.");
                var node = parsed.Resource!;
                Assert.Equal(resource.Id, node.Child("id")!.Value);
                Assert.Equal(version.Version.ToString(CultureInfo.InvariantCulture), node.Child("meta")!.Child("versionId")!.Value);
                var value = node.Child("identifier")!.Child("value")!.Value!.Split('-');
                identity ??= (long.Parse(value[0], CultureInfo.InvariantCulture), int.Parse(value[1], CultureInfo.InvariantCulture));
            }

            var (batch, member) = identity!.Value;
            (members.TryGetValue(batch, out var list) ? list : members[batch] = []).Add(member);
            if (resource.Deleted)
            {
                Assert.Empty(index[key]);
                Assert.Empty(keys[key]);
                continue;
            }

            var rows = index[key].Select(r => ((string)r[1]!, r[2] as string ?? (string)r[3]!)).Order().ToList();
            var current = resource.Version.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(
                new[] { (CrashConventions.VersionParameter, current), (CrashConventions.BatchParameter, batch.ToString(CultureInfo.InvariantCulture)), (CrashConventions.FamilyParameter, "Family" + current) }.Order(),
                rows);
            Assert.Equal([CrashConventions.IdentityKey(batch, member)], keys[key]);
        }

        Assert.All(members, m => Assert.Equal(Enumerable.Range(0, CrashConventions.BatchSize), m.Value.Order()));
        var expectedOutbox = resources.SelectMany(r => versions[r.Key].Select(v => (r.Value.Id, v.Version))).Order().ToList();
        Assert.Equal(expectedOutbox, outbox.Order());
        Assert.Equal(keys.Sum(k => k.Count()), await Harness.ScalarAsync("SELECT COUNT(*) FROM identity_keys"));
    }
}
