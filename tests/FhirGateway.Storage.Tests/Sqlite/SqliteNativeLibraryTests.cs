using System.Runtime.InteropServices;
using FhirGateway.Storage.Sqlite;
using SQLitePCL;

namespace FhirGateway.Storage.Tests.Sqlite;

public sealed class SqliteNativeLibraryTests
{
    [Fact]
    public void The_system_library_is_used_when_present()
    {
        var loaded = SqliteNativeLibrary.EnsureLoaded();

        var system = NativeLibrary.TryLoad("libsqlite3.so.0", out var handle);
        if (system)
        {
            NativeLibrary.Free(handle);
        }

        Assert.EndsWith(system ? " (system)" : " (bundled)", loaded, StringComparison.Ordinal);
        Assert.StartsWith(raw.sqlite3_libversion().utf8_to_string(), loaded, StringComparison.Ordinal);
        Assert.True(raw.sqlite3_libversion_number() >= 3_035_000);
    }
}
