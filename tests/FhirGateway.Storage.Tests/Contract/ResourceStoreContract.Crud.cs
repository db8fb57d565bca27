using FhirGateway.Storage.History;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Create, read, vread, update and delete (https://hl7.org/fhir/R4/http.html).
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task Create_assigns_an_id_version_1_and_lastUpdated()
    {
        var write = TestResources.PatientWrite("Chalmers");
        var before = Harness.Clock.GetUtcNow().AddMilliseconds(-1);
        var created = await CreatedAsync(write);
        var after = Harness.Clock.GetUtcNow();

        Assert.Matches("^[A-Za-z0-9\\-\\.]{1,64}$", created.Id);
        Assert.Equal(1, created.VersionId);
        Assert.Equal(ResourceChange.Create, created.Change);
        Assert.InRange(created.LastUpdated, before, after);
        Assert.Equal(0, created.LastUpdated.UtcTicks % TimeSpan.TicksPerMillisecond);
        var (id, versionId, lastUpdated) = TestResources.MetaOf(created);
        Assert.Equal((created.Id, "1", ResourceStamp.FormatInstant(created.LastUpdated)), (id, versionId, lastUpdated));
        Assert.Null(write.Resource.Child("meta"));

        var read = await Store.ReadAsync("Patient", created.Id);
        Assert.Equal(ReadStatus.Found, read.Status);
        Assert.Equal(created.Json.ToArray(), read.Version!.Json.ToArray());
        Assert.Equal(created.LastUpdated, read.Version.LastUpdated);
    }

    [DatabaseFact]
    public async Task Reads_of_unknown_resources_and_versions_are_not_found()
    {
        Assert.Equal(ReadStatus.NotFound, (await Store.ReadAsync("Patient", "nobody")).Status);
        Assert.Equal(ReadStatus.NotFound, (await Store.VReadAsync("Patient", "nobody", 1)).Status);
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        Assert.Equal(ReadStatus.NotFound, (await Store.VReadAsync("Patient", created.Id, 2)).Status);
        Assert.Equal(ReadStatus.NotFound, (await Store.ReadAsync("Observation", created.Id)).Status);
    }

    [DatabaseFact]
    public async Task Ids_that_are_not_FHIR_ids_are_never_found_nor_written()
    {
        var bad = new string('a', 65);

        Assert.Equal(ReadStatus.NotFound, (await Store.ReadAsync("Patient", "no spaces")).Status);
        Assert.Equal(ReadStatus.NotFound, (await Store.VReadAsync("Patient", bad, 1)).Status);
        Assert.Equal(WriteStatus.NotFound, (await Store.DeleteAsync("Patient", "a/b")).Status);
        Assert.Empty((await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Id = "a b" })).Entries);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync(bad, TestResources.PatientWrite("P"), new UpdateOptions { AllowCreate = true }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync("NotAType", "a"));
    }

    [DatabaseFact]
    public async Task Update_writes_a_new_version_and_vread_keeps_the_old_one()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        var updated = await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor"));

        Assert.Equal(WriteStatus.Updated, updated.Status);
        Assert.Equal(2, updated.Version!.VersionId);
        Assert.Equal(ResourceChange.Update, updated.Version.Change);
        Assert.True(updated.Version.LastUpdated > created.LastUpdated);
        Assert.Equal((created.Id, "2"), (TestResources.MetaOf(updated.Version).Id, TestResources.MetaOf(updated.Version).VersionId));
        Assert.Equal("Windsor", TestResources.FamilyOf((await Store.ReadAsync("Patient", created.Id)).Version!));
        Assert.Equal("Chalmers", TestResources.FamilyOf((await Store.VReadAsync("Patient", created.Id, 1)).Version!));
    }

    [DatabaseFact]
    public async Task Version_aware_update_succeeds_on_the_current_version_and_conflicts_otherwise()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        var first = await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor"), new UpdateOptions { ExpectedVersion = 1 });
        var stale = await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Stale", topics: "t"), new UpdateOptions { ExpectedVersion = 1 });

        Assert.Equal(WriteStatus.Updated, first.Status);
        Assert.Equal(WriteStatus.VersionConflict, stale.Status);
        Assert.Equal(2, stale.Version!.VersionId);
        Assert.Equal("Windsor", TestResources.FamilyOf((await Store.ReadAsync("Patient", created.Id)).Version!));
        Assert.Equal(2, await CountAsync("resource_versions"));
        Assert.Equal(0, await CountAsync("outbox"));
    }

    [DatabaseFact]
    public async Task Update_of_an_unknown_id_creates_only_when_allowed()
    {
        Assert.Equal(WriteStatus.NotFound, (await Store.UpdateAsync("p1", TestResources.PatientWrite("Chalmers"))).Status);
        Assert.Equal(WriteStatus.VersionConflict, (await Store.UpdateAsync("p1", TestResources.PatientWrite("Chalmers"), new UpdateOptions { ExpectedVersion = 1, AllowCreate = true })).Status);
        Assert.Equal(0, await CountAsync("resources"));

        var created = await Store.UpdateAsync("p1", TestResources.PatientWrite("Chalmers"), new UpdateOptions { AllowCreate = true });

        Assert.Equal(WriteStatus.Created, created.Status);
        Assert.Equal(("p1", 1L, ResourceChange.Update), (created.Version!.Id, created.Version.VersionId, created.Version.Change));
        Assert.Equal(ReadStatus.Found, (await Store.ReadAsync("Patient", "p1")).Status);
    }

    [DatabaseFact]
    public async Task Delete_writes_a_tombstone_after_which_reads_are_gone()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));

        var deleted = await Store.DeleteAsync("Patient", created.Id);

        Assert.Equal(WriteStatus.Deleted, deleted.Status);
        Assert.True(deleted.Version!.IsDeleted);
        Assert.Equal(2, deleted.Version.VersionId);
        Assert.True(deleted.Version.Json.IsEmpty);
        var read = await Store.ReadAsync("Patient", created.Id);
        Assert.Equal((ReadStatus.Gone, 2L), (read.Status, read.Version!.VersionId));
        Assert.Equal(ReadStatus.Gone, (await Store.VReadAsync("Patient", created.Id, 2)).Status);
        Assert.Equal(ReadStatus.Found, (await Store.VReadAsync("Patient", created.Id, 1)).Status);
    }

    [DatabaseFact]
    public async Task Deleting_again_or_deleting_the_unknown_changes_nothing()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        Assert.Equal(WriteStatus.VersionConflict, (await Store.DeleteAsync("Patient", created.Id, new DeleteOptions { ExpectedVersion = 7 })).Status);
        await Store.DeleteAsync("Patient", created.Id);

        var again = await Store.DeleteAsync("Patient", created.Id, new DeleteOptions { OutboxTopics = ["t"] });
        var unknown = await Store.DeleteAsync("Patient", "nobody");

        Assert.Equal((WriteStatus.AlreadyDeleted, 2L), (again.Status, again.Version!.VersionId));
        Assert.Equal(WriteStatus.NotFound, unknown.Status);
        Assert.Equal(2, await CountAsync("resource_versions"));
        Assert.Equal(0, await CountAsync("outbox"));
    }

    [DatabaseFact]
    public async Task Update_brings_a_deleted_resource_back_with_the_next_version()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        await Store.DeleteAsync("Patient", created.Id);

        var back = await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor"));

        Assert.Equal((WriteStatus.Created, 3L, ResourceChange.Recreate), (back.Status, back.Version!.VersionId, back.Version.Change));
        Assert.Equal(ReadStatus.Found, (await Store.ReadAsync("Patient", created.Id)).Status);

        // A patch is recorded as one, as history reports it; the version read back keeps what was recorded.
        var patched = await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor-Mountbatten"), new UpdateOptions { IsPatch = true });
        Assert.Equal((WriteStatus.Updated, ResourceChange.Patch), (patched.Status, patched.Version!.Change));
        Assert.Equal(ResourceChange.Recreate, (await Store.VReadAsync("Patient", created.Id, 3)).Version!.Change);
        Assert.Equal(ResourceChange.Patch, (await Store.ReadAsync("Patient", created.Id)).Version!.Change);
    }

    [DatabaseFact]
    public async Task Index_rows_are_replaced_by_each_version_and_removed_by_delete()
    {
        var low = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var write = TestResources.PatientWrite("Chalmers") with
        {
            IndexRows =
            [
                IndexRow.ForString("family", "CHALMERS", "Chalmers"),
                IndexRow.ForToken("identifier", TestResources.NhsNumber, "9449305552"),
                IndexRow.ForDate("birthdate", low, low.AddDays(1).AddTicks(-1)),
                IndexRow.ForReference("general-practitioner", "Practitioner", "gp1", null),
                IndexRow.ForNumber("probability", 0.25m),
                IndexRow.ForQuantity("value-quantity", 3.5m, "http://unitsofmeasure.org", "kg"),
                IndexRow.ForUri("url", "http://example.org/fhir"),
            ],
        };
        var created = await CreatedAsync(write);
        Assert.Equal(7, await CountAsync("search_index"));
        for (var kind = 1; kind <= 7; kind++)
        {
            Assert.Equal(1, await CountAsync("search_index", $"kind = {kind}"));
        }

        Assert.Equal(1, await CountAsync("search_index", "kind = 2 AND param = 'identifier' AND code = '9449305552' AND system = 'https://fhir.nhs.uk/Id/nhs-number'"));
        Assert.Equal(1, await CountAsync("search_index", "kind = 4 AND ref_type = 'Practitioner' AND ref_id = 'gp1'"));
        Assert.Equal(1, await CountAsync("search_index", "kind = 6 AND num_value = 3.5 AND code = 'kg'"));

        await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor"));
        var rows = await Harness.RowsAsync("SELECT param, text_exact FROM search_index");
        Assert.Equal(("family", "Windsor"), ((string)rows.Single()[0]!, (string)rows.Single()[1]!));

        await Store.DeleteAsync("Patient", created.Id);
        Assert.Equal(0, await CountAsync("search_index"));
    }

    [DatabaseFact]
    public async Task Outbox_items_are_written_with_the_versions_that_ask_for_them()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers", topics: ["births", "audit"]));
        await Store.UpdateAsync(created.Id, TestResources.PatientWrite("Windsor"));
        await Store.DeleteAsync("Patient", created.Id, new DeleteOptions { OutboxTopics = ["births"] });

        var rows = await Harness.RowsAsync("SELECT topic, resource_type, resource_id, version FROM outbox ORDER BY item_id");

        Assert.Equal(
            [("births", 1L), ("audit", 1L), ("births", 3L)],
            rows.Select(r => ((string)r[0]!, Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(rows, r => Assert.Equal(("Patient", created.Id), ((string)r[1]!, (string)r[2]!)));
    }

    [DatabaseFact]
    public async Task Concurrent_version_aware_updates_have_exactly_one_winner()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));

        var results = await Concurrently.RunAsync(8, i =>
            Store.UpdateAsync(created.Id, TestResources.PatientWrite("Writer" + i), new UpdateOptions { ExpectedVersion = 1 }));

        Assert.Single(results, r => r.Status == WriteStatus.Updated);
        Assert.Equal(7, results.Count(r => r.Status == WriteStatus.VersionConflict));
        Assert.Equal(2, await CountAsync("resource_versions"));
    }
}
