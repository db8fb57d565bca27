namespace FhirGateway.Fhir.CodeGen;

/// <summary>Writes the generated files to a folder, or compares them with what the folder holds.</summary>
internal static class GeneratedFiles
{
    /// <summary>Writes every file and deletes the folder's other .cs files, which a former generation left.</summary>
    public static void Write(IReadOnlyDictionary<string, string> files, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.cs").Where(p => !files.ContainsKey(Path.GetFileName(p))))
        {
            File.Delete(stale);
        }

        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content);
            }
        }
    }

    /// <summary>Every difference between the generation and the folder, one line each; empty when they are equal.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, string> files, string folder)
    {
        var differences = new List<string>();
        var present = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs").Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (name, content) in files)
        {
            if (!present.Contains(name))
            {
                differences.Add($"{name}: missing");
            }
            else if (FirstDifferentLine(content, File.ReadAllText(Path.Combine(folder, name))) is { } line)
            {
                differences.Add($"{name}: differs from line {line}");
            }
        }

        differences.AddRange(present.Where(p => !files.ContainsKey(p)).Order(StringComparer.Ordinal).Select(p => $"{p}: not generated (stale)"));
        return differences;
    }

    /// <summary>The first line (1-based) where the two texts differ, line endings included; null when equal.</summary>
    public static int? FirstDifferentLine(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (!string.Equals(e[i], a[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return Math.Min(e.Length, a.Length) + 1;
    }
}
