using FhirGateway.Cli.Tests.TestSupport;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Cli.Tests.Validate;

/// <summary><c>fhirgw validate</c>: an OperationOutcome on stdout, exit 0 without errors, 1 with errors, 2 on usage errors.</summary>
public sealed class ValidateTests(TempFiles files) : IClassFixture<TempFiles>
{
    [Fact]
    public void A_valid_resource_exits_0_with_an_outcome_without_errors()
    {
        var path = files.Write("valid.json", """
            {"resourceType":"Patient","id":"p1","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Ann Smith</div>"},
             "name":[{"family":"Smith","given":["Ann"]}],"gender":"female","birthDate":"2024-02-29"}
            """);

        var run = CliRun.Of("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString() + run.StdoutText);
        var outcome = Outcome(run);
        Assert.DoesNotContain(outcome.ChildrenNamed("issue"), i => i.Child("severity")!.Value is "error" or "fatal");
    }

    [Fact]
    public void An_official_xml_example_is_valid()
    {
        var example = OfficialExamples.R4.Single(e => e.Name == "Patient-example.json");
        var xml = CliRun.Of("convert", files.Write("example.json", example.Content), "--to", "xml");

        var run = CliRun.Of("validate", files.Write("example.xml", xml.Stdout));

        Assert.True(run.ExitCode == 0, run.ToString() + run.StdoutText);
    }

    [Fact]
    public void An_invalid_resource_exits_1_and_lists_every_problem()
    {
        var path = files.Write("invalid.json", """
            {"resourceType":"Patient","id":"bad id","gender":"F","birthDate":"2023-02-30"}
            """);

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        var errors = Outcome(run).ChildrenNamed("issue").Where(i => i.Child("severity")!.Value == "error").ToList();
        Assert.Equal(["Patient.birthDate", "Patient.gender", "Patient.id"], errors.Select(e => e.Child("expression")!.Value).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Child("diagnostics")?.Value)));
    }

    [Fact]
    public void Malformed_json_exits_1_with_a_fatal_issue()
    {
        var path = files.Write("broken.json", """{"resourceType":"Patient","name":[}""");

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Outcome(run).ChildrenNamed("issue"), i => i.Child("severity")!.Value == "fatal");
    }

    [Theory]
    [InlineData("BabyPatient-valid.json", 0)]
    [InlineData("BabyPatient-invalid.json", 1)]
    public void A_gateway_profile_can_be_asked_for(string example, int exitCode)
    {
        var path = RepoPaths.Combine("tests", "data", "profiles", example);

        var run = CliRun.Of("validate", path, "--profile", "https://fhirgateway.dev/StructureDefinition/BabyPatient");

        Assert.True(run.ExitCode == exitCode, run.ToString() + run.StdoutText);
        if (exitCode == 1)
        {
            Assert.Contains(Outcome(run).ChildrenNamed("issue"), i => i.Child("diagnostics")?.Value?.Contains("fgw-pat-1", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public void An_unknown_profile_is_a_usage_error()
    {
        var path = files.Write("profile.json", """{"resourceType":"Patient"}""");

        var run = CliRun.Of("validate", path, "--profile", "https://example.org/StructureDefinition/nothing");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("https://example.org/StructureDefinition/nothing", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fhir-version", "3.0")]
    [InlineData("--no-such-option")]
    public void Bad_options_are_usage_errors(params string[] options)
    {
        var path = files.Write("options.json", """{"resourceType":"Patient"}""");

        var run = CliRun.Of(["validate", path, .. options]);

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var run = CliRun.Of("validate", files.PathOf("does-not-exist.json"));

        Assert.Equal(2, run.ExitCode);
    }

    private static ElementNode Outcome(CliRun run)
    {
        var parsed = FhirJsonReader.Parse(run.Stdout);
        Assert.True(parsed.Success, string.Join("; ", parsed.Issues));
        Assert.Equal("OperationOutcome", parsed.Resource!.Type.Name);
        return parsed.Resource;
    }
}
