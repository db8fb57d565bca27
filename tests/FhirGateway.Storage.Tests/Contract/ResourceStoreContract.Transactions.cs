using FhirGateway.Storage.History;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Units of work for transaction Bundles (https://hl7.org/fhir/R4/http.html#transaction).
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task A_transaction_commits_all_its_writes_together()
    {
        var existing = await CreatedAsync(TestResources.PatientWrite("Existing"));
        var doomed = await CreatedAsync(TestResources.PatientWrite("Doomed"));

        string createdId;
        await using (var transaction = await Store.BeginTransactionAsync())
        {
            var created = await transaction.CreateAsync(TestResources.PatientWrite("New", "9449305552", "births"));
            createdId = created.Version!.Id;
            Assert.Equal(WriteStatus.Updated, (await transaction.UpdateAsync(existing.Id, TestResources.PatientWrite("Changed"))).Status);
            Assert.Equal(WriteStatus.Deleted, (await transaction.DeleteAsync("Patient", doomed.Id)).Status);
            Assert.Equal(ReadStatus.Found, (await transaction.ReadAsync("Patient", createdId)).Status);

            Assert.Equal(ReadStatus.NotFound, (await Harness.NewInstance().ReadAsync("Patient", createdId)).Status);
            await transaction.CommitAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => transaction.ReadAsync("Patient", createdId));
        }

        Assert.Equal(ReadStatus.Found, (await Store.ReadAsync("Patient", createdId)).Status);
        Assert.Equal("Changed", TestResources.FamilyOf((await Store.ReadAsync("Patient", existing.Id)).Version!));
        Assert.Equal(ReadStatus.Gone, (await Store.ReadAsync("Patient", doomed.Id)).Status);
        Assert.Equal(1, await CountAsync("outbox"));
    }

    [DatabaseFact]
    public async Task A_transaction_that_is_not_committed_leaves_nothing_behind()
    {
        var existing = await CreatedAsync(TestResources.PatientWrite("Existing", "1111111111", "births"));
        var before = await SnapshotAsync();

        await using (var transaction = await Store.BeginTransactionAsync())
        {
            Assert.Equal(WriteStatus.Created, (await transaction.CreateAsync(TestResources.PatientWrite("New", "9449305552", "births"))).Status);
            Assert.Equal(WriteStatus.Created, (await transaction.ConditionalCreateAsync(TestResources.PatientWrite("Other", "2222222222", "births"))).Status);
            Assert.Equal(WriteStatus.Updated, (await transaction.UpdateAsync(existing.Id, TestResources.PatientWrite("Changed", "3333333333", "births"))).Status);
            Assert.Equal(WriteStatus.Created, (await transaction.UpdateAsync("client-id", TestResources.PatientWrite("Client"), new UpdateOptions { AllowCreate = true })).Status);

            // The Bundle's last entry fails its precondition: the REST layer disposes without committing.
            var failed = await transaction.UpdateAsync(existing.Id, TestResources.PatientWrite("Stale"), new UpdateOptions { ExpectedVersion = 1 });
            Assert.Equal(WriteStatus.VersionConflict, failed.Status);
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("Existing", TestResources.FamilyOf((await Store.ReadAsync("Patient", existing.Id)).Version!));
        Assert.Equal(ReadStatus.NotFound, (await Store.ReadAsync("Patient", "client-id")).Status);
    }

    [DatabaseFact]
    public async Task An_unsuccessful_write_inside_a_transaction_leaves_the_others_intact()
    {
        var holder = (await Store.ConditionalCreateAsync(TestResources.PatientWrite("Holder", "9449305552"))).Version!;

        await using (var transaction = await Store.BeginTransactionAsync())
        {
            Assert.Equal(WriteStatus.Created, (await transaction.CreateAsync(TestResources.PatientWrite("Kept", "1111111111", "births"))).Status);

            // The claim is taken: the resource row this create had inserted is removed again, the rest stays.
            var match = await transaction.ConditionalCreateAsync(TestResources.PatientWrite("Match", "9449305552", "births"));
            Assert.Equal((WriteStatus.Exists, holder.Id), (match.Status, match.MatchedIds.Single()));
            await transaction.CommitAsync();
        }

        Assert.Equal(2, await CountAsync("resources"));
        Assert.Equal(2, await CountAsync("resource_versions"));
        Assert.Equal(2, await CountAsync("identity_keys"));
        Assert.Equal(1, await CountAsync("conditional_claims"));
        Assert.Equal(1, await CountAsync("outbox"));
        Assert.Equal(4, await CountAsync("search_index"));
    }

    /// <summary>Every row of every table the store writes, as text, to compare before and after.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT resource_key, resource_type, resource_id, version, deleted, last_updated FROM resources ORDER BY resource_key",
            "SELECT seq, resource_key, version, change, last_updated FROM resource_versions ORDER BY seq",
            "SELECT identity_key, resource_key FROM identity_keys ORDER BY identity_key, resource_key",
            "SELECT claim_hash, resource_type, criteria, resource_key FROM conditional_claims ORDER BY claim_hash",
            "SELECT resource_key, param, kind, system, code, text_norm, text_exact FROM search_index ORDER BY resource_key, param, code, text_norm",
            "SELECT item_id, topic, resource_id, version FROM outbox ORDER BY item_id",
        })
        {
            parts.AddRange((await Harness.RowsAsync(sql)).Select(r => string.Join("|", r)));
            parts.Add("--");
        }

        parts.Add((await Store.HistoryAsync(new HistoryQuery { Count = 1000 })).Entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join("\n", parts);
    }
}
