using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;
using FhirGateway.Fhir.Validation;

namespace FhirGateway.Fhir.Tests.Validation;

/// <summary>The structural validator: minimum cardinalities of the base definitions.</summary>
public sealed class StructuralValidatorTests
{
    // Published R4 examples that lack elements their definitions require (the validator is right about them):
    // the ImplementationGuide examples have no name or status, the extension SearchParameters no base, and the qs1
    // Questionnaire's nested items no linkId.
    private static readonly HashSet<string> KnownInvalidExamples =
    [
        "ImplementationGuide-fhir.json",
        "ig-r4.json",
        "Questionnaire-qs1.json",
        .. new[] { "codesystem", "valueset" }.SelectMany(t => new[] { "author", "effective", "end", "keyword", "workflow" }
            .Select(p => $"SearchParameter-{t}-extensions-{(t == "codesystem" ? "CodeSystem" : "ValueSet")}-{p}.json")),
    ];

    [Fact]
    public async Task Every_R4_example_is_structurally_valid_except_the_known_invalid_ones()
    {
        var failures = new List<string>();
        var invalid = new List<string>();
        foreach (var example in OfficialExamples.R4)
        {
            var read = FhirJsonReader.Parse(example.Content);
            if (!read.Success)
            {
                continue;
            }

            var issues = await StructuralValidator.Instance.ValidateAsync(read.Resource!, ValidationRequest.Default);
            if (issues.Count > 0)
            {
                invalid.Add(example.Name);
                if (!KnownInvalidExamples.Contains(example.Name))
                {
                    failures.Add($"{example.Name}: {string.Join("; ", issues.Take(3))}");
                }
            }
        }

        Assert.Equal(KnownInvalidExamples.Order(StringComparer.Ordinal), invalid.Order(StringComparer.Ordinal));
        Assert.True(failures.Count == 0, $"{failures.Count} examples failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Missing_required_elements_are_reported_where_they_are_missing()
    {
        var read = FhirJsonReader.Parse("""
            {"resourceType":"Observation","code":{"text":"weight"},
             "component":[{"code":{"text":"a"},"valueString":"x"},{"valueString":"y"}],
             "contained":[{"resourceType":"Patient","link":[{"type":"seealso"}]}],
             "extension":[{"valueString":"no url"}]}
            """);
        Assert.True(read.Success, string.Join("; ", read.Issues));

        var issues = await StructuralValidator.Instance.ValidateAsync(read.Resource!, ValidationRequest.Default);

        Assert.All(issues, i => Assert.Equal((IssueSeverity.Error, ParseIssueCodes.MissingRequired, "required"), (i.Severity, i.Code, i.IssueType)));
        Assert.Equal(
            ["Observation", "Observation.contained[0].link[0]", "Observation.extension[0]", "Observation.component[1]"],
            issues.Select(i => i.Location));
        Assert.Contains("Observation.status is required (1..1)", issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_is_reported_as_not_checked()
    {
        var read = FhirJsonReader.Parse("""{"resourceType":"Patient"}""");

        var issues = await StructuralValidator.Instance.ValidateAsync(read.Resource!, new ValidationRequest { Profiles = ["https://example.org/StructureDefinition/p"] });

        var issue = Assert.Single(issues);
        Assert.Equal((IssueSeverity.Warning, "not-supported"), (issue.Severity, issue.IssueType));
        Assert.Contains("https://example.org/StructureDefinition/p", issue.Message, StringComparison.Ordinal);
    }
}
