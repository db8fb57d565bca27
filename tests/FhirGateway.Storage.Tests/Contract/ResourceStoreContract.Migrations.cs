using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Versioned migrations applied at start-up.
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task Migrations_are_applied_once_and_restarts_keep_the_data()
    {
        var created = await CreatedAsync(TestResources.PatientWrite("Chalmers"));
        await Store.InitializeAsync();

        var restarted = Harness.NewInstance();
        await restarted.InitializeAsync();

        Assert.Equal(Store.Provider.Migrations.Count, await CountAsync("schema_migrations"));
        Assert.Equal(ReadStatus.Found, (await restarted.ReadAsync("Patient", created.Id)).Status);
    }

    [DatabaseFact]
    public async Task Concurrent_start_ups_on_an_empty_database_migrate_it_once()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Harness.NewInstance()).ToList();

        await Concurrently.RunAsync(instances.Count, async i =>
        {
            await instances[i].InitializeAsync();
            return true;
        });

        Assert.Equal(instances[0].Provider.Migrations.Count, await CountAsync("schema_migrations"));
        Assert.Equal(WriteStatus.Created, (await instances[3].CreateAsync(TestResources.PatientWrite("After"))).Status);
    }

    [DatabaseFact]
    public async Task A_changed_or_unknown_migration_stops_start_up()
    {
        await Store.InitializeAsync();
        await Harness.RowsAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        await Harness.RowsAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 'now')");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.NewInstance().InitializeAsync());

        Assert.Contains("migration 1 (initial) differs", failure.Message, StringComparison.Ordinal);
        Assert.Contains("migration 999 (future), newer than", failure.Message, StringComparison.Ordinal);
    }
}
