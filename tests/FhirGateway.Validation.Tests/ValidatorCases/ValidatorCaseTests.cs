namespace FhirGateway.Validation.Tests.ValidatorCases;

/// <summary>
/// The official validator cases (tests/data/validator-cases, Apache-2.0): the verdict must match the HL7 reference
/// validator's on every case, and the error count on at least 90% of them; cases whose count differs are listed in
/// <see cref="CaseNotes"/>.
/// </summary>
public sealed class ValidatorCaseTests
{
    public static TheoryData<string> Cases => ValidatorCase.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verdict_matches_the_reference_validator(string name)
    {
        var c = ValidatorCase.All[name];

        var result = CaseRunner.Run(c);

        Assert.True(result.IsValid == (c.ExpectedErrorCount == 0),
            $"expected {(c.ExpectedErrorCount == 0 ? "valid" : "invalid")}, got {result.ErrorCount} errors: {string.Join("; ", result.Issues.Where(i => i.IsError))}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Error_count_matches_unless_noted(string name)
    {
        var c = ValidatorCase.All[name];

        var result = CaseRunner.Run(c);

        if (CaseNotes.CountDifferences.ContainsKey(name))
        {
            Assert.NotEqual(c.ExpectedErrorCount, result.ErrorCount);
        }
        else
        {
            Assert.True(c.ExpectedErrorCount == result.ErrorCount,
                $"expected {c.ExpectedErrorCount} errors, got {result.ErrorCount}: {string.Join("; ", result.Issues.Where(i => i.IsError))}");
        }
    }

    [Fact]
    public void Error_counts_match_on_at_least_90_percent_of_the_cases()
    {
        var matched = ValidatorCase.All.Values.Count(c => CaseRunner.Run(c).ErrorCount == c.ExpectedErrorCount);

        var rate = (double)matched / ValidatorCase.All.Count;
        Assert.True(rate >= 0.9, $"error counts match on {matched} of {ValidatorCase.All.Count} cases ({rate:P0})");
    }

    [Fact]
    public void Every_noted_case_is_a_case()
    {
        Assert.All(CaseNotes.Settings.Keys.Concat(CaseNotes.CountDifferences.Keys), name => Assert.Contains(name, ValidatorCase.All.Keys));
    }
}
