using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// Tells a <see cref="SqliteCheckpointer"/> how many frames the WAL holds after each commit of a connection, through
/// <c>sqlite3_wal_hook</c> (https://sqlite.org/c3ref/wal_hook.html), which SQLitePCLRaw does not expose. SQLite's own
/// automatic checkpoint is this hook; installing it replaces that (the writers' connection has it off anyway).
/// </summary>
internal static class SqliteWalHook
{
    // Kept in a static field: the library calls the pointer for as long as any connection carries the hook.
    private static readonly WalCallback Callback = OnCommit;
    private static readonly IntPtr CallbackPointer = Marshal.GetFunctionPointerForDelegate(Callback);
    private static readonly SetHook? Install = FindInstall();

    // The hook's argument is a number looked up here, not a pointer: a commit reported after its checkpointer is
    // gone finds nothing instead of a freed handle.
    private static readonly ConcurrentDictionary<IntPtr, SqliteCheckpointer> Targets = new();
    private static long _lastArgument;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalCallback(IntPtr argument, IntPtr database, IntPtr schema, int frames);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr SetHook(IntPtr database, IntPtr callback, IntPtr argument);

    /// <summary>Whether the library in use could be asked for the hook.</summary>
    public static bool Available => Install is not null;

    /// <summary>The argument that names <paramref name="checkpointer"/> to the hook until <see cref="Unregister"/>.</summary>
    public static IntPtr Register(SqliteCheckpointer checkpointer)
    {
        var argument = new IntPtr(Interlocked.Increment(ref _lastArgument));
        Targets[argument] = checkpointer;
        return argument;
    }

    /// <summary>Forgets an argument of <see cref="Register"/>.</summary>
    public static void Unregister(IntPtr argument) => Targets.TryRemove(argument, out _);

    /// <summary>Reports the connection's commits to the checkpointer <paramref name="target"/> names (<see cref="Register"/>).</summary>
    public static bool TryInstall(ReusableSqliteConnection connection, IntPtr target)
    {
        if (Install is null || connection.Handle is not { } handle)
        {
            return false;
        }

        Install(handle.DangerousGetHandle(), CallbackPointer, target);
        return true;
    }

    private static int OnCommit(IntPtr argument, IntPtr database, IntPtr schema, int frames)
    {
        if (Targets.TryGetValue(argument, out var checkpointer))
        {
            checkpointer.WalFrames(frames);
        }

        // SQLITE_OK: the commit stands whatever the hook does.
        return 0;
    }

    private static SetHook? FindInstall()
    {
        var library = SqliteNativeLibrary.Handle;
        return library != IntPtr.Zero && NativeLibrary.TryGetExport(library, "sqlite3_wal_hook", out var export)
            ? Marshal.GetDelegateForFunctionPointer<SetHook>(export)
            : null;
    }
}
