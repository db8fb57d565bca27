using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests;

/// <summary>Validation reports problems and never throws on what it is given, nor on a broken profile.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void A_profile_whose_snapshot_cannot_be_generated_is_reported()
    {
        var resources = ConformanceResources.Create(
        [
            """
            {"resourceType":"StructureDefinition","url":"https://example.org/StructureDefinition/broken","name":"Broken",
             "status":"draft","kind":"resource","abstract":false,"type":"Patient","derivation":"constraint",
             "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
             "differential":{"element":[{"id":"Patient.nickname","path":"Patient.nickname","min":1}]}}
            """,
        ]);
        var patient = Resources.Json("""{"resourceType":"Patient","meta":{"profile":["https://example.org/StructureDefinition/broken"]}}""");

        var asked = new FhirValidator(resources: resources).Validate(patient, "https://example.org/StructureDefinition/broken");

        var issue = Assert.Single(asked.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.ProfileUnknown, issue.Code);
        Assert.Contains("Patient.nickname", issue.Message, StringComparison.Ordinal);
        Assert.Contains(asked.Issues, i => i.Location == "Patient.meta.profile[0]" && i.Message.Contains("cannot be used", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/1"}}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"a","resource":{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","contained":[{"resourceType":"Organization","id":"o"}],"managingOrganization":{"reference":"#o"}}}]}}]}""")]
    [InlineData("""{"resourceType":"Patient","_active":{"extension":[{"url":"https://example.org/a","_valueString":{"extension":[{"url":"https://example.org/b","valueBoolean":true}]}}]}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueSampledData":{"origin":{"value":1},"period":0,"dimensions":1,"data":"E U L"}}""")]
    [InlineData("""{"resourceType":"Questionnaire","status":"draft","item":[{"linkId":"1","type":"group","item":[{"linkId":"1.1","type":"choice","answerValueSet":"#vs","enableWhen":[{"question":"x","operator":"exists","answerBoolean":true}]}]}]}""")]
    [InlineData("""{"resourceType":"Patient","link":[{"other":{"reference":"Patient/1/_history/2"},"type":"seealso"}],"generalPractitioner":[{"reference":"http://example.org/fhir/Practitioner/1"},{"reference":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"},{"reference":"?"}]}""")]
    public void Unusual_resources_are_validated_without_throwing(string json)
    {
        var result = FhirValidator.Default.Validate(Resources.Json(json));

        Assert.NotNull(result.ToOperationOutcome());
    }

    [Fact]
    public void Every_official_example_kind_of_resource_can_be_validated()
    {
        // One resource of each type, empty but for what the reader needs: the definitions of every type compile.
        foreach (var type in Fhir.Definitions.FhirModel.R4.ResourceTypes)
        {
            var result = FhirValidator.Default.Validate(new Fhir.Model.ElementNode(type));

            Assert.NotNull(result);
        }
    }
}
