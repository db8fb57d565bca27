using FhirGateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>Deletes SQLite test folders.</summary>
internal static class SqliteFiles
{
    public static void Delete(string folder)
    {
        // The library choice must come before Microsoft.Data.Sqlite's first use, even in a test that opened nothing.
        SqliteNativeLibrary.EnsureLoaded();

        // Pooled connections keep the files open; close them first.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
