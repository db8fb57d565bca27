using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace FhirGateway.Storage.Relational;

/// <summary>One versioned schema migration: SQL applied once, in order, recorded with a checksum.</summary>
/// <param name="Version">The schema version it brings the database to.</param>
/// <param name="Name">A short name, from the script's file name.</param>
/// <param name="Sql">The script.</param>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalized: a shipped migration must never change.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>
    /// Loads the scripts embedded as <c>{prefix}/NNNN_name.sql</c>, ordered by version; versions must run 1, 2, 3...
    /// </summary>
    public static IReadOnlyList<Migration> LoadEmbedded(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix + "/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = name[(prefix.Length + 1)..^4];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file.AsSpan(0, underscore), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration script '{name}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations under '{prefix}' must be numbered 1, 2, 3... without gaps.");
            }
        }

        return migrations;
    }
}
