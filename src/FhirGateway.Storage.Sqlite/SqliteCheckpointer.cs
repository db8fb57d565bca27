using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database on a connection and thread of its own while the next writer runs
/// (https://sqlite.org/wal.html#ckpt). SQLite's automatic checkpoint runs inside the COMMIT of the writer that crossed
/// its threshold: the single writer read the new WAL frames back, wrote them into the database and flushed it before
/// anyone else could write, while the second core waited. The writers' connection runs with
/// <c>wal_autocheckpoint = 0</c> and reports the frames of each commit (<see cref="SqliteWalHook"/>); once
/// <see cref="CheckpointFrames"/> wait, a PASSIVE checkpoint runs here instead, which blocks neither writers nor
/// readers.
/// <para>
/// A WAL starts again from its beginning only when a writer begins while every frame is already in the database
/// (https://sqlite.org/wal.html#avoiding_excessively_large_wal_files): with writers back to back that moment never
/// comes, and the WAL, which every read looks pages up in, keeps growing. Once it holds
/// <see cref="RestartFrames"/> frames the next writer waits for the checkpoint in progress before it begins, so that
/// its commit restarts the WAL.
/// </para>
/// </summary>
internal sealed class SqliteCheckpointer(string connectionString, TimeSpan busyTimeout, ILogger logger) : IDisposable
{
    /// <summary>WAL frames (pages) past which the next writer lets the checkpoint catch up: 32 MiB of 4 KiB pages.</summary>
    public const long RestartFrames = 8192;

    /// <summary>
    /// Frames committed since the last checkpoint that start the next one: SQLite's own default
    /// (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint). A checkpoint per commit flushed the database for
    /// every small write, and wrote a page again for each commit that changed it.
    /// </summary>
    public const long CheckpointFrames = 1000;

    // Guards the fields below; the checkpoint thread waits on it (Monitor) for commits.
    private readonly object _sync = new();
    private TaskCompletionSource _caughtUp = Completed();
    private bool _pending;
    private bool _stopping;
    private Thread? _thread;
    private long _frames;
    private long _backfilled;
    private long _attempted;
    private long _runs;
    private long _committedFrames = -1;
    private IntPtr _hookArgument;
    private SqliteConnection? _connection;

    /// <summary>The argument for <see cref="SqliteWalHook.TryInstall"/>, which names this checkpointer.</summary>
    public IntPtr HookArgument
    {
        get
        {
            lock (_sync)
            {
                if (_hookArgument == IntPtr.Zero && !_stopping)
                {
                    _hookArgument = SqliteWalHook.Register(this);
                }

                return _hookArgument;
            }
        }
    }

    /// <summary>From <see cref="SqliteWalHook"/>: the frames in the WAL after a commit of the writers' connection.</summary>
    public void WalFrames(int frames) => Interlocked.Exchange(ref _committedFrames, frames);

    /// <summary>How many checkpoints ran.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>The frames the WAL held at the end of the last checkpoint.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>A write committed: checkpoint it (commits that arrive while a checkpoint runs share the next one).</summary>
    public void Committed()
    {
        if (Unchecked() >= CheckpointFrames)
        {
            Start();
        }
    }

    /// <summary>Completes when a writer may begin: at once, or once every commit is checkpointed if the WAL is long.</summary>
    public Task BeforeWriteAsync()
    {
        if (Frames < RestartFrames)
        {
            return Task.CompletedTask;
        }

        if (Unchecked() > 0)
        {
            Start();
        }

        lock (_sync)
        {
            return _caughtUp.Task;
        }
    }

    // Frames committed since the last checkpoint; without the hook's count (another library in use), as if every
    // commit filled the threshold.
    private long Unchecked()
    {
        var frames = Interlocked.Read(ref _committedFrames);
        if (frames < 0)
        {
            return CheckpointFrames;
        }

        // Counted from where the last checkpoint that ran started as well as from what it copied: a reader holding an older snapshot
        // keeps a PASSIVE checkpoint from copying past it, and counting from the copied frames alone started another
        // checkpoint, copying nothing more, after every commit until the reader ended. Fewer frames than either: the
        // WAL started again from its beginning.
        var from = Math.Max(Interlocked.Read(ref _backfilled), Interlocked.Read(ref _attempted));
        return frames >= from ? frames - from : frames;
    }

    private void Start()
    {
        lock (_sync)
        {
            if (_stopping)
            {
                return;
            }

            _pending = true;
            if (_caughtUp.Task.IsCompleted)
            {
                _caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            // A thread of its own: on the thread pool the checkpoint waited behind the requests it was to help.
            _thread ??= new Thread(Run) { IsBackground = true, Name = "SQLite checkpoint" };
            if (!_thread.IsAlive)
            {
                _thread.Start();
            }

            Monitor.Pulse(_sync);
        }
    }

    public void Dispose()
    {
        Thread? thread;
        lock (_sync)
        {
            _stopping = true;
            thread = _thread;
            Monitor.Pulse(_sync);
        }

        if (thread is { IsAlive: true })
        {
            thread.Join();
        }

        _connection?.Dispose();
        lock (_sync)
        {
            _caughtUp.TrySetResult();
            // A commit reported after this finds no checkpointer under the argument and is ignored.
            SqliteWalHook.Unregister(_hookArgument);
        }
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource caughtUp;
            lock (_sync)
            {
                while (!_pending && !_stopping)
                {
                    _caughtUp.TrySetResult();
                    Monitor.Wait(_sync);
                }

                if (_stopping)
                {
                    return;
                }

                _pending = false;
                caughtUp = _caughtUp;
            }

            try
            {
                Checkpoint();
            }
            catch (Exception e)
            {
                // Nothing is lost: the WAL still holds every commit, and the next commit checkpoints again. (An
                // exception left to end this thread would end the process.)
                SqliteLog.CheckpointFailed(logger, e);
                _connection?.Dispose();
                _connection = null;
                caughtUp.TrySetResult();
            }
        }
    }

    private void Checkpoint()
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;");
            setup.ExecuteNonQuery();
            _connection = connection;
        }

        var committed = Math.Max(0, Interlocked.Read(ref _committedFrames));
        using var command = _connection.CreateCommand();
        // https://sqlite.org/pragma.html#pragma_wal_checkpoint: one row (busy, frames in the WAL, frames checkpointed).
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        // Busy (another checkpoint held the lock) answers -1 for both counts: nothing was learned, keep the last ones.
        if (reader.Read() && reader.GetInt64(0) == 0 && reader.GetInt64(1) >= 0)
        {
            Interlocked.Exchange(ref _frames, reader.GetInt64(1));
            Interlocked.Exchange(ref _backfilled, reader.GetInt64(2));
            // Only a checkpoint that ran counts as a start: after a failed or busy one the next commit tries again.
            Interlocked.Exchange(ref _attempted, committed);
            Interlocked.Increment(ref _runs);
        }
    }
}
