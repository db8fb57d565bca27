using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>JSON that is not well-formed (RFC 8259) ends the read with one fatal json-syntax issue and no resource, never an exception.</summary>
public sealed class MalformedJsonTests
{
    [Theory]
    [InlineData("Patient-example.json")]
    [InlineData("Observation-example.json")]
    [InlineData("Bundle-bundle-example.json")]
    public void An_official_example_cut_short_anywhere_is_a_syntax_error(string name)
    {
        var content = OfficialExamples.R4.Single(e => e.Name == name).Content;
        var end = Array.LastIndexOf(content, (byte)'}');
        Assert.True(FhirJsonReader.Parse(content).Success);

        for (var length = 0; length <= end; length++)
        {
            var result = FhirJsonReader.Parse(content.AsSpan(0, length));

            Assert.Null(result.Resource);
            var fatal = Assert.Single(result.Issues, i => i.Severity == IssueSeverity.Fatal);
            Assert.True(fatal.Code == Codes.JsonSyntax, $"cut at {length}: {fatal}");
            Assert.Same(fatal, result.Issues[^1]);
            Assert.NotNull(fatal.Line);
        }
    }

    [Theory]
    [InlineData("}")]
    [InlineData("}}")]
    [InlineData(" x")]
    [InlineData("{}")]
    [InlineData(",")]
    [InlineData(",{\"resourceType\":\"Patient\"}")]
    [InlineData("\n// comment")]
    [InlineData("\u0000")]
    public void Content_after_the_resource_is_a_syntax_error(string trailing)
    {
        var fatal = AssertFatal(R4("""{"resourceType":"Patient","id":"a"}""" + trailing), Codes.JsonSyntax);

        Assert.Equal(string.Empty, fatal.Location);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n\t ")]
    public void Whitespace_after_the_resource_is_allowed(string trailing)
    {
        AssertClean(R4("""{"resourceType":"Patient","id":"a"}""" + trailing));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"resourceType\":\"Patient\",}")]
    [InlineData("{\"resourceType\":\"Patient\" \"id\":\"a\"}")]
    [InlineData("{'resourceType':'Patient'}")]
    [InlineData("{resourceType:\"Patient\"}")]
    [InlineData("{\"resourceType\":\"Patient\",/* c */\"id\":\"a\"}")]
    [InlineData("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"F\"},]}")]
    [InlineData("{\"resourceType\":\"Patient\",\"active\":True}")]
    [InlineData("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"F\"}}")]
    public void Malformed_JSON_is_a_syntax_error(string json)
    {
        AssertFatal(R4(json), Codes.JsonSyntax);
    }

    [Fact]
    public void A_syntax_error_keeps_the_issues_found_before_it_and_says_where_it_is()
    {
        var result = R4("{\"resourceType\":\"Patient\",\n\"foo\":1,\n\"name\":[{\"family\":\"F\",,]}");

        Assert.Equal(Error(Codes.UnknownElement, "Patient.foo"), (result.Issues[0].Severity, result.Issues[0].Code, result.Issues[0].Location));
        var fatal = AssertFatal(result, Codes.JsonSyntax);
        Assert.Equal("Patient.name[0]", fatal.Location);
        Assert.Equal(3, fatal.Line);
        Assert.Equal(23, fatal.Column); // the second comma
        Assert.DoesNotContain("LineNumber", fatal.Message, StringComparison.Ordinal);
    }
}
