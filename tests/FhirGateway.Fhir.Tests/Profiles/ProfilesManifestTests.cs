using System.Security.Cryptography;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Profiles;

/// <summary>
/// profiles/ holds exactly the files profiles/MANIFEST.sha256 lists, with the listed content, so the definitions the
/// core is built from cannot change unnoticed (profiles/README.md says where they come from).
/// </summary>
public sealed class ProfilesManifestTests
{
    private const string ManifestName = "MANIFEST.sha256";

    private static readonly string ProfilesRoot = RepoPaths.Combine("profiles");

    [Fact]
    public void Every_listed_file_exists_with_the_listed_hash()
    {
        var failures = new List<string>();
        foreach (var (path, expected) in Manifest())
        {
            var file = Path.Combine(ProfilesRoot, path);
            if (!File.Exists(file))
            {
                failures.Add($"{path}: listed but missing");
                continue;
            }

            using var stream = File.OpenRead(file);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != expected)
            {
                failures.Add($"{path}: SHA-256 is {actual}, the manifest says {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_file_is_listed()
    {
        var listed = Manifest().Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var unlisted = Directory.EnumerateFiles(ProfilesRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ProfilesRoot, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => p != ManifestName && !listed.Contains(p))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unlisted.Count == 0, "not in profiles/MANIFEST.sha256 (see profiles/README.md to regenerate it): " + string.Join(", ", unlisted));
    }

    [Fact]
    public void Manifest_lists_the_embedded_definitions_once_each()
    {
        var paths = Manifest().Select(e => e.Path).ToList();

        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("r4/profiles-types.json.gz", paths);
        Assert.Contains("r4/profiles-resources.json.gz", paths);
        Assert.Contains("stu3/profiles-types.json.gz", paths);
        Assert.Contains("stu3/profiles-resources.json.gz", paths);
    }

    /// <summary>The manifest's entries: sha256sum text format, "&lt;64 hex digits&gt;  &lt;path&gt;" per line.</summary>
    private static List<(string Path, string Sha256)> Manifest()
    {
        var entries = new List<(string, string)>();
        foreach (var line in File.ReadAllLines(Path.Combine(ProfilesRoot, ManifestName)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            Assert.True(line.Length > 66 && line[64] == ' ' && line[65] == ' ', $"not a sha256sum line: {line}");
            var hash = line[..64];
            Assert.True(hash.All(char.IsAsciiHexDigitLower), $"not a lower-case SHA-256: {line}");
            entries.Add((line[66..], hash));
        }

        Assert.NotEmpty(entries);
        return entries;
    }
}
