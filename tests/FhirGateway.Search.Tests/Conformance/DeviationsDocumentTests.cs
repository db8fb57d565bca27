using System.Reflection;
using System.Text.RegularExpressions;

namespace FhirGateway.Search.Tests.Conformance;

/// <summary>The Search section of conformance/known-deviations.md and <see cref="KnownDeviationTests"/> list the same deviations.</summary>
public sealed partial class DeviationsDocumentTests
{
    [Fact]
    public void Every_search_deviation_has_its_skipped_test_and_every_skipped_test_its_entry()
    {
        var text = File.ReadAllText(RepoPaths.Combine("conformance", "known-deviations.md"));
        var documented = Entry().Matches(text).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["test"].Value, StringComparer.Ordinal);
        var tests = typeof(KnownDeviationTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (m.Name, Skip: m.GetCustomAttribute<FactAttribute>()?.Skip))
            .Where(m => m.Skip is not null)
            .ToDictionary(m => SkipId().Match(m.Skip!).Groups["id"].Value, m => m.Name, StringComparer.Ordinal);

        Assert.NotEmpty(documented);
        Assert.Equal(documented.OrderBy(d => d.Key), tests.OrderBy(t => t.Key));
    }

    [GeneratedRegex(@"### (?<id>KD-S\d+):[^\n]*\n(?:(?!### )[\s\S])*?\*\*Test\*\*: `(?<test>\w+)`")]
    private static partial Regex Entry();

    [GeneratedRegex(@"Known deviation (?<id>KD-S\d+) ")]
    private static partial Regex SkipId();
}
