using System.Reflection;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>Reader issues become an R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html).</summary>
public sealed class OperationOutcomeFactoryTests
{
    // https://hl7.org/fhir/R4/valueset-issue-type.html
    private static readonly HashSet<string> R4IssueTypes =
    [
        "invalid", "structure", "required", "value", "invariant", "security", "login", "unknown", "expired", "forbidden",
        "suppressed", "processing", "not-supported", "duplicate", "multiple-matches", "not-found", "deleted", "too-long",
        "code-invalid", "extension", "too-costly", "business-rule", "conflict", "transient", "lock-error", "no-store",
        "exception", "timeout", "incomplete", "throttled", "informational",
    ];

    [Fact]
    public void An_issue_becomes_an_outcome_issue_with_its_stable_code()
    {
        var issue = new ParseIssue(IssueSeverity.Error, ParseIssueCodes.UnknownElement, "Patient.name[0].foo", "'foo' is not an element of HumanName.");

        var json = FhirJsonWriter.SerializeToString(OperationOutcomeFactory.FromIssues([issue]));

        Assert.Equal(
            """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"structure","details":{"coding":[{"system":"https://fhirgateway.dev/CodeSystem/parse-issue","code":"unknown-element"}]},"diagnostics":"'foo' is not an element of HumanName.","expression":["Patient.name[0].foo"]}]}""",
            json);
    }

    [Fact]
    public void Every_issue_of_a_read_is_carried_in_order_and_the_outcome_reads_back_cleanly()
    {
        var result = FhirJsonReader.Parse("""{"resourceType":"Patient","gender":1,"name":[{"given":["a"],"_given":[null,null]}],"birthDate":"1974-13","foo":{"x":"\"q\" é\n"}}""");
        Assert.Equal(4, result.Issues.Count);

        var outcome = OperationOutcomeFactory.FromResult(result);
        var json = FhirJsonWriter.SerializeToString(outcome);
        var read = FhirJsonReader.Parse(json);

        Assert.True(read.Success, string.Join("\n", read.Issues));
        Assert.True(outcome.IsExactly(read.Resource!));
        var issues = outcome.ChildrenNamed("issue").ToList();
        Assert.Equal(result.Issues.Count, issues.Count);
        for (var i = 0; i < issues.Count; i++)
        {
            var expected = result.Issues[i];
            Assert.Equal("error", Value(issues[i], "severity"));
            Assert.Equal(expected.IssueType, Value(issues[i], "code"));
            Assert.Equal(ParseIssueCodes.CodeSystem, Value(issues[i], "details", "coding", "system"));
            Assert.Equal(expected.Code, Value(issues[i], "details", "coding", "code"));
            Assert.Equal(expected.Message, Value(issues[i], "diagnostics"));
            Assert.Equal(expected.Location, Value(issues[i], "expression"));
        }
    }

    [Theory]
    [InlineData(IssueSeverity.Fatal, "fatal")]
    [InlineData(IssueSeverity.Error, "error")]
    [InlineData(IssueSeverity.Warning, "warning")]
    [InlineData(IssueSeverity.Information, "information")]
    public void Severities_map_to_the_R4_codes(IssueSeverity severity, string code)
    {
        var outcome = OperationOutcomeFactory.FromIssues([new ParseIssue(severity, ParseIssueCodes.InvalidValue, "Patient.birthDate", "m")]);

        Assert.Equal(code, Value(outcome, "issue", "severity"));
    }

    [Fact]
    public void A_syntax_error_gives_its_line_and_column()
    {
        var result = FhirJsonReader.Parse("{\"resourceType\":\"Patient\",\n\"id\":\"a\",,\n}");

        var outcome = OperationOutcomeFactory.FromResult(result);

        Assert.Equal("fatal", Value(outcome, "issue", "severity"));
        Assert.Equal("structure", Value(outcome, "issue", "code"));
        Assert.Equal(ParseIssueCodes.JsonSyntax, Value(outcome, "issue", "details", "coding", "code"));
        Assert.EndsWith(" (line 2, column 10)", Value(outcome, "issue", "diagnostics"), StringComparison.Ordinal);
        Assert.Equal("Patient", Value(outcome, "issue", "expression"));
    }

    [Fact]
    public void An_issue_about_the_whole_document_has_no_expression()
    {
        var outcome = OperationOutcomeFactory.FromResult(FhirJsonReader.Parse("[]"));

        var issue = Assert.Single(outcome.ChildrenNamed("issue"));
        Assert.Null(issue.Child("expression"));
        Assert.Equal(ParseIssueCodes.NotAResource, Value(issue, "details", "coding", "code"));
    }

    [Fact]
    public void The_prefix_goes_before_each_message()
    {
        var outcome = OperationOutcomeFactory.FromIssues(
            [
                new ParseIssue(IssueSeverity.Error, ParseIssueCodes.UnknownElement, "Patient.a", "first"),
                new ParseIssue(IssueSeverity.Error, ParseIssueCodes.UnknownElement, "Patient.b", "second"),
            ],
            "Request body: ");

        Assert.Equal(new[] { "Request body: first", "Request body: second" }, outcome.ChildrenNamed("issue").Select(i => Value(i, "diagnostics")));
    }

    [Fact]
    public void No_issues_still_make_a_valid_outcome_saying_so()
    {
        var outcome = OperationOutcomeFactory.FromIssues([]);

        var issue = Assert.Single(outcome.ChildrenNamed("issue"));
        Assert.Equal("information", Value(issue, "severity"));
        Assert.Equal("informational", Value(issue, "code"));
        Assert.True(FhirJsonReader.Parse(FhirJsonWriter.SerializeToString(outcome)).Success);
    }

    [Fact]
    public void Every_code_is_distinct_and_maps_to_an_R4_issue_type()
    {
        var codes = typeof(ParseIssueCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ParseIssueCodes.CodeSystem))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.True(codes.Count >= 20);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Contains(ParseIssueCodes.IssueTypeOf(c), R4IssueTypes));
        Assert.Equal("too-costly", ParseIssueCodes.IssueTypeOf(ParseIssueCodes.TooManyIssues));
    }

    [Fact]
    public void The_outcome_is_an_R4_resource()
    {
        var outcome = OperationOutcomeFactory.FromIssues([]);

        Assert.Same(FhirModel.R4, outcome.Type.Model);
        Assert.Equal("OperationOutcome", outcome.Type.Name);
    }

    private static string? Value(ElementNode node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node.Child(name) ?? throw new Xunit.Sdk.XunitException($"No {name} in {FhirJsonWriter.SerializeToString(node)}");
        }

        return node.Value;
    }
}
