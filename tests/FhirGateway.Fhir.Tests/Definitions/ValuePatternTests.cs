using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Tests.Definitions;

/// <summary>The primitive value patterns of the definitions, as the readers match untrusted values against them.</summary>
public sealed class ValuePatternTests
{
    [Fact]
    public void Every_pattern_of_both_releases_can_be_matched()
    {
        var primitives = FhirModel.R4.Types.Concat(FhirModel.Stu3.Types).Where(t => t.ValuePattern is not null).ToList();

        Assert.True(primitives.Count > 30);
        Assert.All(primitives, t => Assert.NotNull(t.ValueRegex));
    }

    [Theory]
    [InlineData("base64Binary", "AAAA AAAA\nAAAA", true)]
    [InlineData("base64Binary", "AAA", false)]
    [InlineData("date", "1974-12-25", true)]
    [InlineData("date", "1974-12-25\n", false)]
    [InlineData("code", "a b", true)]
    [InlineData("code", "a  b", false)]
    [InlineData("string", "no-break\u00a0space", true)]
    [InlineData("decimal", "-0.0e+7", true)]
    public void Patterns_match_whole_values(string type, string value, bool matches)
    {
        Assert.Equal(matches, FhirModel.R4.GetType(type).ValueRegex!.IsMatch(value));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100_000)]
    public void Spaced_out_base64_is_refused_in_linear_time(int groups)
    {
        // (\s*([0-9a-zA-Z\+/=]){4}\s*)+ can split each run of spaces two ways: a backtracking matcher tries every
        // combination before failing, and its timeout then threw out of the reader.
        var value = string.Concat(Enumerable.Repeat("AAAA  ", groups)) + "!";

        Assert.DoesNotMatch(FhirModel.R4.GetType("base64Binary").ValueRegex!, value);
    }
}
