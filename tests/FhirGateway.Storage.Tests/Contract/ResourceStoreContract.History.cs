using FhirGateway.Storage.History;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// History of an instance, a type and the system (https://hl7.org/fhir/R4/http.html#history).
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task History_lists_versions_newest_first_at_each_level()
    {
        var p1 = await CreatedAsync(TestResources.PatientWrite("One"));
        await Store.UpdateAsync(p1.Id, TestResources.PatientWrite("One bis"));
        var p2 = await CreatedAsync(TestResources.PatientWrite("Two"));
        var o1 = await CreatedAsync(new ResourceWrite(TestResources.Observation("1234")));
        await Store.DeleteAsync("Patient", p1.Id);

        var instance = await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Id = p1.Id });
        var type = await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient" });
        var system = await Store.HistoryAsync(new HistoryQuery());

        Assert.Equal(
            [(3L, ResourceChange.Delete), (2L, ResourceChange.Update), (1L, ResourceChange.Create)],
            instance.Entries.Select(e => (e.VersionId, e.Change)));
        Assert.True(instance.Entries[0].Json.IsEmpty);
        Assert.Equal("One bis", TestResources.FamilyOf(instance.Entries[1]));
        Assert.Equal([p1.Id, p2.Id, p1.Id, p1.Id], type.Entries.Select(e => e.Id));
        Assert.Equal([p1.Id, o1.Id, p2.Id, p1.Id, p1.Id], system.Entries.Select(e => e.Id));
        Assert.Null(system.Next);
        Assert.Empty((await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Id = "nobody" })).Entries);
    }

    [DatabaseFact]
    public async Task History_since_keeps_versions_written_at_or_after_the_instant()
    {
        var old = await CreatedAsync(TestResources.PatientWrite("Old"));
        Harness.Clock.Advance(TimeSpan.FromHours(1));
        var recent = await CreatedAsync(TestResources.PatientWrite("Recent"));

        var since = await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Since = old.LastUpdated.AddMinutes(30) });
        var exact = await Store.HistoryAsync(new HistoryQuery { Since = recent.LastUpdated });

        Assert.Equal([recent.Id], since.Entries.Select(e => e.Id));
        Assert.Equal([recent.Id], exact.Entries.Select(e => e.Id));
    }

    [DatabaseFact]
    public async Task History_pages_stay_stable_while_new_versions_are_written()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreatedAsync(TestResources.PatientWrite("P" + i))).Id);
        }

        for (var round = 0; round < 4; round++)
        {
            foreach (var id in ids)
            {
                await Store.UpdateAsync(id, TestResources.PatientWrite($"P{id}-{round}"));
            }
        }

        var expected = (await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = 100 })).Entries.Select(e => (e.Id, e.VersionId)).ToList();
        Assert.Equal(25, expected.Count);

        var seen = new List<(string, long)>();
        var page = await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = 7 });
        seen.AddRange(page.Entries.Select(e => (e.Id, e.VersionId)));
        var pages = 1;
        while (page.Next is { } next)
        {
            // Writers carry on between pages: new versions and new resources must not show up or shift anything.
            await Store.UpdateAsync(ids[pages % ids.Count], TestResources.PatientWrite("Later" + pages));
            await CreatedAsync(TestResources.PatientWrite("New" + pages));
            Assert.True(HistoryCursor.TryParse(next.ToString(), out var cursor));
            page = await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = 7, After = cursor });
            seen.AddRange(page.Entries.Select(e => (e.Id, e.VersionId)));
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal(expected, seen);
        Assert.Equal(25 + 6, (await Store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = 100 })).Entries.Count);
    }
}
