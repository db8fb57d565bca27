using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>conformance/known-deviations.md lists exactly the cases of <see cref="KnownDeviations"/>, with the same kinds and reasons.</summary>
public sealed class DeviationsDocumentTests
{
    private const string Heading = "## FHIRPath (official R4 suite)";

    [Fact]
    public void Document_lists_the_known_deviations()
    {
        var lines = File.ReadAllLines(RepoPaths.Combine("conformance", "known-deviations.md"));
        var start = Array.IndexOf(lines, Heading);
        Assert.True(start >= 0, $"known-deviations.md has no '{Heading}' section");

        var listed = new Dictionary<string, (string Kind, string Reason)>(StringComparer.Ordinal);
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var cells = lines[i].Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length == 5 && cells[1] is not ("Case" or "" or "------"))
            {
                listed.Add(cells[1], (cells[2], cells[3]));
            }
        }

        var expected = KnownDeviations.Cases.ToDictionary(c => c.Key, c => (c.Value.Kind.ToString(), c.Value.Reason), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(e => e.Key), listed.OrderBy(e => e.Key));
    }

    [Fact]
    public void Every_listed_case_is_in_the_suite()
    {
        Assert.All(KnownDeviations.Cases.Keys, name => Assert.Contains(name, OfficialSuite.Cases.Keys));
    }
}
