using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.ValidatorCases;

/// <summary>conformance/known-deviations.md ("Validator cases") lists exactly the cases of <see cref="CaseNotes"/>, with the same reasons.</summary>
public sealed class CaseNotesDocumentTests
{
    private const string Heading = "## Validator cases";

    [Fact]
    public void Document_lists_the_case_notes()
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

        var expected = CaseNotes.Settings.Select(s => (s.Key, (Kind: "Setting", s.Value.Reason)))
            .Concat(CaseNotes.CountDifferences.Select(d => (d.Key, (Kind: "ErrorCount", Reason: d.Value))))
            .ToDictionary(e => e.Key, e => e.Item2, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(e => e.Key), listed.OrderBy(e => e.Key));
    }
}
