using System.Runtime.InteropServices;
using SQLitePCL;

namespace FhirGateway.Storage.Sqlite;

/// <summary>
/// Chooses the SQLite library once, before the first SQLite call: the operating system's <c>libsqlite3.so.0</c> when
/// present (Debian's carries security fixes the bundled 3.35.5 lacks: CVE-2022-35737, CVE-2023-7104, CVE-2025-6965),
/// the bundled <c>e_sqlite3</c> otherwise. The store needs 3.35 or newer (<c>RETURNING</c>). The choice holds only if
/// it is made before the first use of Microsoft.Data.Sqlite in the process, which initializes SQLitePCLRaw itself.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const int MinimumVersion = 3_035_000;
    private const int SqliteConfigMemStatus = 9;
    private static readonly Lock Gate = new();
    private static bool _systemLibrary;
    private static string? _version;

    /// <summary>The loaded library, for functions SQLitePCLRaw does not expose (<see cref="SqliteWalHook"/>); zero if unknown.</summary>
    public static IntPtr Handle { get; private set; }

    /// <summary>Loads the library (once) and returns its version and origin, e.g. <c>3.40.1 (system)</c>.</summary>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_version is not null)
            {
                return _version;
            }

            var chosenHere = false;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_e_sqlite3).Assembly, Resolve);
                chosenHere = true;
            }
            catch (InvalidOperationException)
            {
                // Another component of the process already chose the library for SQLitePCLRaw; keep its choice.
            }

            Batteries_V2.Init();

            // SQLITE_CONFIG_MEMSTATUS off (https://sqlite.org/c3ref/c_config_covering_index_scan.html): the statistics
            // it keeps take a process-wide mutex on every allocation, which all connections share; nothing here reads
            // them. Refused (SQLITE_MISUSE) once the library is initialized, when the default simply stays.
            _ = raw.sqlite3_config(SqliteConfigMemStatus, 0);
            if (raw.sqlite3_libversion_number() < MinimumVersion)
            {
                throw new InvalidOperationException($"SQLite {raw.sqlite3_libversion().utf8_to_string()} is too old: the store needs 3.35 or newer.");
            }

            // Only when this class made the choice is it known which library the connections call.
            if (chosenHere && !_systemLibrary && NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var bundled))
            {
                Handle = bundled;
            }

            _version = raw.sqlite3_libversion().utf8_to_string() + (_systemLibrary ? " (system)" : " (bundled)");
            return _version;
        }
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (string.Equals(name, "e_sqlite3", StringComparison.Ordinal) && NativeLibrary.TryLoad("libsqlite3.so.0", out var handle))
        {
            _systemLibrary = true;
            Handle = handle;
            return handle;
        }

        return IntPtr.Zero;
    }
}
