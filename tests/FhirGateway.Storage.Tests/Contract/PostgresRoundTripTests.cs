using System.Collections.Concurrent;
using System.Diagnostics;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>
/// A write's statements without results reach PostgreSQL in one batch (WriteBatch): counted as the database client's
/// own spans (Npgsql's ActivitySource, one per command or batch sent), within one trace started by the test.
/// </summary>
public sealed class PostgresRoundTripTests : PostgresSchemaTest
{
    [PostgresFact]
    public async Task A_create_sends_its_row_then_one_batch_and_an_update_its_reads_then_one_batch()
    {
        var store = Harness.Store;
        await store.CreateAsync(TestResources.PatientWrite("Warm", "9000000009"));

        // Insert of the resource row (its key is needed), then identity keys, version and index rows together.
        var create = await StatementsAsync(() => store.CreateAsync(TestResources.PatientWrite("Smith", "9434765919")));
        Assert.Equal(2, create.Count);
        var id = create.Result.Version!.Id;

        // Row lock, identity keys held, index rows stored; then keys, resource row, version and index changes together.
        var update = await StatementsAsync(() => store.UpdateAsync(id, TestResources.PatientWrite("Jones", "9434765919")));
        Assert.Equal(4, update.Count);
        Assert.Equal("Jones", TestResources.FamilyOf((await store.ReadAsync("Patient", id)).Version!));

        // Row lock, then tombstone, index rows, keys and claims removed together.
        var delete = await StatementsAsync(() => store.DeleteAsync("Patient", id));
        Assert.Equal(2, delete.Count);
    }

    private static async Task<(T Result, int Count)> StatementsAsync<T>(Func<Task<T>> work)
    {
        using var source = new ActivitySource("FhirGateway.Storage.Tests.RoundTrips");
        var sent = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" || s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => sent.Add(a),
        };
        ActivitySource.AddActivityListener(listener);
        T result;
        ActivityTraceId trace;
        using (var root = source.StartActivity("write", ActivityKind.Internal, parentContext: default)!)
        {
            trace = root.TraceId;
            result = await work();
        }

        // COMMIT is a statement of its own, counted here too when the client traces it.
        var statements = sent.Count(a => a.TraceId == trace && a.Source.Name == "Npgsql" && !IsCommit(a));
        return (result, statements);
    }

    private static bool IsCommit(Activity activity) =>
        activity.DisplayName.Contains("COMMIT", StringComparison.OrdinalIgnoreCase) ||
        activity.Tags.Any(t => t.Value?.Contains("COMMIT", StringComparison.OrdinalIgnoreCase) == true);
}
