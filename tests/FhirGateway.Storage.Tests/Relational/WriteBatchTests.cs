using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Relational;

/// <summary>
/// On PostgreSQL a write's batch holds its statements until its last step: a batch dropped unrun must stop the
/// transaction from committing part of a write, and a batch run lets it commit.
/// </summary>
public sealed class WriteBatchTests : PostgresSchemaTest
{
    [PostgresFact]
    public async Task A_batch_dropped_unrun_stops_the_commit_and_one_run_commits()
    {
        var provider = Harness.Store.Provider;
        Assert.True(provider.BatchesWrites);

        var dropped = await WriteAsync(provider, run: false);
        Assert.IsType<InvalidOperationException>(dropped);

        Assert.Null(await WriteAsync(provider, run: true));
        Assert.Equal(1, await Harness.ScalarAsync("SELECT count(*) FROM write_batch_probe"));
    }

    private async Task<Exception?> WriteAsync(RelationalProvider provider, bool run)
    {
        await Harness.ScalarAsync("CREATE TABLE IF NOT EXISTS write_batch_probe (x int); SELECT 0");
        await using var connection = await provider.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await provider.BeginWriteAsync(connection, CancellationToken.None);
        var db = new DbSession(connection, transaction, provider);
        await using (var batch = new WriteBatch(db))
        {
            await batch.AddAsync(db.Command("INSERT INTO write_batch_probe VALUES (1)"), CancellationToken.None);
            if (run)
            {
                await batch.RunAsync(CancellationToken.None);
            }
        }

        return await Record.ExceptionAsync(() => db.CommitAsync(CancellationToken.None));
    }
}
