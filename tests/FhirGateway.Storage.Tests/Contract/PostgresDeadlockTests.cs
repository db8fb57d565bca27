using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>
/// Two units of work that lock the same rows in opposite orders: PostgreSQL aborts one, and the store reports it as a
/// <see cref="TransientStorageException"/> so the REST layer can run the Bundle again.
/// </summary>
public sealed class PostgresDeadlockTests : PostgresSchemaTest
{
    [PostgresFact]
    public async Task A_deadlocked_unit_of_work_fails_as_transient_and_leaves_nothing()
    {
        var store = Harness.Store;
        var a = (await store.CreateAsync(TestResources.PatientWrite("A"))).Version!.Id;
        var b = (await store.CreateAsync(TestResources.PatientWrite("B"))).Version!.Id;
        await using var first = await store.BeginTransactionAsync();
        await using var second = await Harness.NewInstance().BeginTransactionAsync();
        await first.UpdateAsync(a, TestResources.PatientWrite("A1"));
        await second.UpdateAsync(b, TestResources.PatientWrite("B2"));

        var crossing = new[] { first.UpdateAsync(b, TestResources.PatientWrite("B1")), second.UpdateAsync(a, TestResources.PatientWrite("A2")) };
        var outcomes = await Task.WhenAll(crossing.Select(async t =>
        {
            try
            {
                await t;
                return null;
            }
            catch (TransientStorageException e)
            {
                return e;
            }
        }));

        Assert.Single(outcomes, o => o is not null);
        var winner = outcomes[0] is null ? first : second;
        await winner.CommitAsync();
        Assert.Equal(2, (await store.ReadAsync("Patient", a)).Version!.VersionId);
        Assert.Equal(2, (await store.ReadAsync("Patient", b)).Version!.VersionId);
    }
}
