using FhirGateway.Cli.Tests.TestSupport;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Cli.Tests.Convert;

/// <summary><c>fhirgw convert</c> on official examples and on broken input.</summary>
public sealed class ConvertTests(TempFiles files) : IClassFixture<TempFiles>
{
    [Theory]
    [InlineData("Patient-example.json")]
    [InlineData("Observation-example.json")]
    [InlineData("Bundle-101.json")]
    public void R4_json_converts_to_the_same_json(string name)
    {
        var example = R4Example(name);
        var path = files.Write("r4-" + name, example.Content);

        var run = CliRun.Of("convert", path, "--to", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Null(JsonComparer.FirstDifference(example.Content, run.Stdout));
    }

    [Theory]
    [InlineData("Patient-example.json")]
    [InlineData("Observation-example.json")]
    [InlineData("Bundle-101.json")]
    public void R4_json_converts_to_xml_holding_the_same_resource(string name)
    {
        var example = R4Example(name);
        var path = files.Write("r4-xml-" + name, example.Content);

        var run = CliRun.Of("convert", path, "--to", "xml", "--pretty");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("<", run.StdoutText.TrimStart('\uFEFF'), StringComparison.Ordinal);
        var fromXml = FhirXmlReader.Parse(run.Stdout);
        Assert.True(fromXml.Success, string.Join("; ", fromXml.Issues));
        Assert.True(FhirJsonReader.Parse(example.Content).Resource!.IsExactly(fromXml.Resource!));
    }

    [Fact]
    public void Xml_converts_back_to_the_json_it_came_from()
    {
        var example = R4Example("Patient-example.json");
        var xml = CliRun.Of("convert", files.Write("roundtrip.json", example.Content), "--to", "xml");
        Assert.Equal(0, xml.ExitCode);

        var json = CliRun.Of("convert", files.Write("roundtrip.xml", xml.Stdout), "--to", "json");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Null(JsonComparer.FirstDifference(example.Content, json.Stdout));
    }

    [Fact]
    public void Stu3_converts_with_fhir_version_3_0()
    {
        var example = OfficialExamples.Stu3.Single(e => e.Name == "Bundle-bundle-example.json");
        var path = files.Write("stu3-bundle.json", example.Content);

        var xml = CliRun.Of("convert", path, "--to", "xml", "--fhir-version", "3.0");

        Assert.True(xml.ExitCode == 0, xml.ToString());
        var read = FhirXmlReader.Parse(xml.Stdout, FhirModel.Stu3);
        Assert.True(read.Success, string.Join("; ", read.Issues));
        Assert.Equal(FhirRelease.Stu3, read.Resource!.Type.Model.Release);
    }

    [Fact]
    public void Input_format_is_told_by_content_before_extension()
    {
        var path = files.Write("json-inside.xml", R4Example("Patient-example.json").Content);

        var run = CliRun.Of("convert", path, "--to", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Pretty_indents_json()
    {
        var path = files.Write("pretty.json", R4Example("Patient-example.json").Content);

        var run = CliRun.Of("convert", path, "--to", "json", "--pretty");

        Assert.StartsWith("{\n  \"resourceType\": \"Patient\"", run.StdoutText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-element.json", """{"resourceType":"Patient","nickname":"Jim"}""", "unknown-element")]
    [InlineData("syntax.json", """{"resourceType":"Patient", """, "json-syntax")]
    [InlineData("unknown-type.json", """{"resourceType":"Child"}""", "unknown-resource-type")]
    [InlineData("wrong-namespace.xml", """<Patient xmlns="urn:not-fhir"/>""", "wrong-namespace")]
    [InlineData("not-fhir.txt", "birth notification", "not-a-resource")]
    public void Invalid_input_exits_1_with_an_OperationOutcome_on_stderr(string name, string content, string code)
    {
        var path = files.Write(name, content);

        var run = CliRun.Of("convert", path, "--to", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        var outcome = FhirJsonReader.Parse(run.Stderr);
        Assert.True(outcome.Success, string.Join("; ", outcome.Issues));
        Assert.Equal("OperationOutcome", outcome.Resource!.Type.Name);
        var codes = outcome.Resource.ChildrenNamed("issue").Select(i => i.Child("details")?.Child("coding")?.Child("code")?.Value);
        Assert.Contains(code, codes);
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        var run = CliRun.Of("convert", files.PathOf("does-not-exist.json"), "--to", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does-not-exist.json", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("convert")]
    [InlineData("convert", "{file}")]
    [InlineData("convert", "{file}", "--to", "yaml")]
    [InlineData("convert", "{file}", "--to", "json", "--fhir-version", "5.0")]
    [InlineData("convert", "{file}", "--to", "json", "--no-such-option")]
    [InlineData("no-such-command")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var file = files.Write("usage.json", R4Example("Patient-example.json").Content);

        var run = CliRun.Of(args.Select(a => a == "{file}" ? file : a).ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fhirgw --help", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Help_exits_0_and_describes_convert()
    {
        var run = CliRun.Of("convert", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--to", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains("--fhir-version", run.StdoutText, StringComparison.Ordinal);
    }

    private static Example R4Example(string name) => OfficialExamples.R4.Single(e => e.Name == name);
}
