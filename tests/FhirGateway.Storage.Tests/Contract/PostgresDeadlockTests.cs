using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>
/// Two units of work that lock the same rows in opposite orders: PostgreSQL aborts one, and the store reports it as a
/// <see cref="TransientStorageException"/> so the REST layer can run the Bundle again.
/// </summary>
public sealed class PostgresDeadlockTests : IAsyncLifetime
{
    private PostgresHarness? _harness;

    public async Task InitializeAsync()
    {
        if (PostgresEnvironment.SkipReason is null)
        {
            _harness = await PostgresHarness.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_deadlocked_unit_of_work_fails_as_transient_and_leaves_nothing()
    {
        var store = _harness!.Store;
        var a = (await store.CreateAsync(TestResources.PatientWrite("A"))).Version!.Id;
        var b = (await store.CreateAsync(TestResources.PatientWrite("B"))).Version!.Id;
        await using var first = await store.BeginTransactionAsync();
        await using var second = await _harness.NewInstance().BeginTransactionAsync();
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
