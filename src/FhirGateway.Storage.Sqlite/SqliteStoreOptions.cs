namespace FhirGateway.Storage.Sqlite;

/// <summary>The SQLite store, bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage:Sqlite";

    /// <summary>The default <see cref="MmapSize"/>: 16 GiB (address space only; pages come from the operating system's cache).</summary>
    public const long DefaultMmapSize = 16L * 1024 * 1024 * 1024;

    /// <summary><c>Storage:Sqlite:Path</c>: the database file, relative to the working directory; its folder is created.</summary>
    public string Path { get; set; } = "data/fhirgateway.db";

    /// <summary><c>Storage:Sqlite:BusyTimeout</c>: how long a writer waits for another writer's transaction (1 s to 10 min).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Storage:Sqlite:MmapSize</c>: how many bytes of the database file each connection reads through a memory map
    /// instead of copying pages into its own cache (<c>PRAGMA mmap_size</c>, https://sqlite.org/mmap.html); 0 turns it
    /// off. The library caps it at its compile-time <c>SQLITE_MAX_MMAP_SIZE</c> (Debian's: 0x7fff0000, about 2 GiB).
    /// </summary>
    public long MmapSize { get; set; } = DefaultMmapSize;

    /// <summary>The default <see cref="WriterCacheSize"/>: 64 MiB.</summary>
    public const long DefaultWriterCacheSize = 64L * 1024 * 1024;

    /// <summary>
    /// <c>Storage:Sqlite:WriterCacheSize</c>: the page cache, in bytes, of the one connection writes run on
    /// (<c>PRAGMA cache_size</c>, https://sqlite.org/pragma.html#pragma_cache_size); the other connections keep
    /// SQLite's default of 2 MiB each. At least 1 MiB.
    /// </summary>
    public long WriterCacheSize { get; set; } = DefaultWriterCacheSize;
}
