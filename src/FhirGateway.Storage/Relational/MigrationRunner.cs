using System.Data.Common;
using System.Globalization;
using FhirGateway.Storage.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Brings the schema to the newest version at start-up. All pending migrations and their records commit in one
/// transaction (both databases have transactional DDL), under the provider's lock, so concurrent start-ups of several
/// instances apply each migration exactly once and a failed start-up leaves the schema as it was.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at text NOT NULL)";

    /// <summary>Applies the pending migrations; returns the schema version.</summary>
    public static async Task<int> RunAsync(RelationalProvider provider, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await provider.OpenAsync(cancellationToken);
        var known = provider.Migrations;
        var newest = known.Count == 0 ? 0 : known[^1].Version;

        // The usual restart finds every migration applied: check without the lock, so a starting instance does not
        // wait for (or block) writers of the instances already running.
        if (await TryReadAppliedAsync(new DbSession(connection, null, provider), cancellationToken) is { } current && current.Count == known.Count)
        {
            Check(current, known);
            StorageLog.SchemaReady(logger, provider.SystemName, newest);
            return newest;
        }

        await provider.BeforeMigrationAsync(connection, cancellationToken);
        await using var transaction = await provider.BeginWriteAsync(connection, cancellationToken);
        var session = new DbSession(connection, transaction, provider);
        await provider.LockForMigrationAsync(session, cancellationToken);
        await session.ExecuteAsync(CreateTable, cancellationToken);

        var applied = await ReadAppliedAsync(session, cancellationToken);
        Check(applied, known);

        foreach (var migration in known.Where(m => !applied.ContainsKey(m.Version)))
        {
            await session.ExecuteAsync(migration.Sql, cancellationToken);
            await using var record = session.Command("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @at)")
                .WithInt32("@version", migration.Version)
                .WithText("@name", migration.Name)
                .WithText("@checksum", migration.Checksum)
                .WithText("@at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
            StorageLog.MigrationApplied(logger, provider.SystemName, migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        StorageLog.SchemaReady(logger, provider.SystemName, newest);
        return newest;
    }

    /// <summary>The applied migrations, or null when the table does not exist yet (a new database).</summary>
    private static async Task<Dictionary<int, (string Name, string Checksum)>?> TryReadAppliedAsync(DbSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAppliedAsync(session, cancellationToken);
        }
        catch (DbException)
        {
            // No transaction is open, so the failed statement leaves the connection usable; the locked path below
            // creates the table, or fails with the real error if the database is unusable.
            return null;
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(DbSession session, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = session.Command("SELECT version, name, checksum FROM schema_migrations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    /// <summary>Refuses a schema newer than this code, or a migration that changed after it was applied.</summary>
    private static void Check(Dictionary<int, (string Name, string Checksum)> applied, IReadOnlyList<Migration> known)
    {
        var newest = known.Count == 0 ? 0 : known[^1].Version;
        var problems = new List<string>();
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (version > newest)
            {
                problems.Add($"the database has migration {version} ({name}), newer than this gateway's newest ({newest})");
            }
            else if (!string.Equals(known[version - 1].Checksum, checksum, StringComparison.Ordinal))
            {
                problems.Add($"migration {version} ({name}) differs from the script that was applied");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The store's schema cannot be used: " + string.Join("; ", problems) + ".");
        }
    }
}
