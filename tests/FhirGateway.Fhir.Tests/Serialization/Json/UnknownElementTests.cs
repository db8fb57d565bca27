using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Properties the definitions do not name are reported and skipped whole; fhir_comments, which earlier drafts
/// allowed, is refused with its own code (https://hl7.org/fhir/R4/json.html: JSON carries no comments).
/// </summary>
public sealed class UnknownElementTests
{
    [Theory]
    [InlineData("\"foo\":1", "Patient.foo")]
    [InlineData("\"Gender\":\"male\"", "Patient.Gender")]
    [InlineData("\"birthdate\":\"1974\"", "Patient.birthdate")]
    [InlineData("\"foo\":{\"bar\":[{\"baz\":null}],\"x\":[[[]]]}", "Patient.foo")]
    [InlineData("\"name\":[{\"surname\":\"F\"}]", "Patient.name[0].surname")]
    [InlineData("\"contact\":[{\"relationship\":[{\"text\":\"mum\"}],\"phone\":\"1\"}]", "Patient.contact[0].phone")]
    [InlineData("\"extension\":[{\"url\":\"http://x\",\"valueString\":\"a\",\"note\":\"n\"}]", "Patient.extension[0].note")]
    [InlineData("\"meta\":{\"versionId\":\"1\",\"lastUpdate\":\"2020\"}", "Patient.meta.lastUpdate")]
    [InlineData("\"\":1", "Patient.")]
    [InlineData("\"value\":1", "Patient.value")]
    public void An_unknown_property_is_reported_and_skipped_whole(string member, string location)
    {
        var patient = AssertErrors(R4($$$"""{"resourceType":"Patient","id":"keep",{{{member}}},"language":"en"}"""), Error(Codes.UnknownElement, location));

        Assert.Equal("keep", ValueAt(patient, "id"));
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Patient\",\"fhir_comments\":[\"a comment\"],\"gender\":\"male\"}", "Patient.fhir_comments")]
    [InlineData("{\"resourceType\":\"Patient\",\"name\":[{\"fhir_comments\":[\"c\"],\"family\":\"F\"}],\"gender\":\"male\"}", "Patient.name[0].fhir_comments")]
    [InlineData("{\"fhir_comments\":\"c\",\"resourceType\":\"Patient\",\"gender\":\"male\"}", "Patient.fhir_comments")]
    public void Fhir_comments_are_refused_with_their_own_code(string json, string location)
    {
        var patient = AssertErrors(R4(json), Error(Codes.FhirComments, location));

        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_very_long_unknown_name_is_shortened_in_the_issue()
    {
        var name = new string('x', 100_000);
        var result = R4($$$"""{"resourceType":"Patient","{{{name}}}":1}""");

        var issue = Assert.Single(result.Issues);
        Assert.Equal(Codes.UnknownElement, issue.Code);
        Assert.StartsWith("Patient.xxx", issue.Location, StringComparison.Ordinal);
        Assert.True(issue.Location.Length < 100 && issue.Message.Length < 200, issue.ToString());
    }

    [Fact]
    public void Unknown_properties_in_STU3_follow_the_STU3_definitions()
    {
        // Patient.animal was removed after STU3.
        var json = """{"resourceType":"Patient","animal":{"species":{"text":"dog"}}}""";

        Assert.True(FhirJsonReader.Parse(json, FhirModel.Stu3).Success);
        AssertErrors(R4(json), Error(Codes.UnknownElement, "Patient.animal"));
    }
}
