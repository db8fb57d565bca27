using System.Threading.Channels;
using FhirGateway.Storage.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Group commit for a database with a single writer (SQLite): single writes that arrive while one batch commits
/// wait in a queue, and the next batch runs them one after the other in one transaction, each inside a savepoint of
/// its own, with one commit, so one disk flush serves them all. A write's caller hears its result only after that
/// commit: an acknowledged write is as durable as before (<c>synchronous = FULL</c>). A write that does not succeed,
/// or throws, is rolled back to its savepoint and leaves the others untouched (the write rules undo their own rows
/// anyway, WriteSession). On SQLite each commit waited for its own flush (about 4 ms on the test machine), so
/// single writes could not pass about 230 per second.
/// </summary>
internal sealed class GroupCommit(RelationalProvider provider, TimeProvider clock, ILogger logger)
{
    private const int MaxBatch = 64;
    private const int MaxTransientAttempts = 4;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private Task? _loop;

    /// <summary>Runs <paramref name="work"/> in the next batch; committed with it when <paramref name="commit"/> says so.</summary>
    public Task<T> RunAsync<T>(Func<DbSession, Task<T>> work, Func<T, bool>? commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending<T>(work, commit, cancellationToken);
        if (_loop is null)
        {
            lock (_gate)
            {
                _loop ??= Task.Run(LoopAsync, CancellationToken.None);
            }
        }

        _queue.Writer.TryWrite(pending);
        return pending.Result;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (!pending.CancelIfRequested())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }
        }
    }

    private async Task RunBatchAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await provider.OpenForWriteAsync(CancellationToken.None);
                await using var transaction = await provider.BeginWriteAsync(connection, CancellationToken.None);
                var db = new DbSession(connection, transaction, provider);
                foreach (var pending in batch)
                {
                    await pending.RunAsync(db, provider);
                }

                await db.CommitAsync(CancellationToken.None);
                foreach (var pending in batch)
                {
                    pending.Complete();
                }

                await provider.AfterCommitAsync(connection);
                return;
            }
            catch (Exception e) when (attempt < MaxTransientAttempts && provider.IsTransient(e))
            {
                StorageLog.TransientRetry(logger, e, provider.SystemName, "group-commit", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), clock);
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(e);
                }

                return;
            }
        }
    }

    private abstract class Pending
    {
        public abstract bool CancelIfRequested();

        /// <summary>Runs the write inside a savepoint; a transient failure is thrown for the whole batch to run again.</summary>
        public abstract Task RunAsync(DbSession db, RelationalProvider provider);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<DbSession, Task<T>> work, Func<T, bool>? commit, CancellationToken cancellationToken) : Pending
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Result => _completion.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override async Task RunAsync(DbSession db, RelationalProvider provider)
        {
            _result = default;
            _error = null;
            await db.ExecuteAsync("SAVEPOINT single_write", CancellationToken.None);
            try
            {
                var result = await work(db);
                db.ThrowIfWritesDropped();
                if (commit is null || commit(result))
                {
                    await db.ExecuteAsync("RELEASE single_write", CancellationToken.None);
                }
                else
                {
                    await UndoAsync(db);
                }

                _result = result;
            }
            catch (Exception e) when (!provider.IsTransient(e))
            {
                await UndoAsync(db);
                _error = e;
            }
        }

        public override void Complete()
        {
            if (_error is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            else if (_error is not null)
            {
                _completion.TrySetException(_error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        // Nothing of the batch was committed, so the caller sees what a write of its own would have thrown.
        public override void Fail(Exception exception) => _completion.TrySetException(exception);

        // The savepoint takes back everything of this write, batched statements it dropped included.
        private static async Task UndoAsync(DbSession db)
        {
            await db.ExecuteAsync("ROLLBACK TO single_write", CancellationToken.None);
            await db.ExecuteAsync("RELEASE single_write", CancellationToken.None);
            db.ClearWritesDropped();
        }
    }
}
