using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>Slicing with each kind of discriminator, on profiles written for the test.</summary>
public sealed class SlicingRuleTests
{
    private static readonly Lazy<FhirValidator> Validator = new(() => new FhirValidator(resources: ConformanceResources.Create(
    [
        // A collection of one baby and any number of other Patients, told apart by profile.
        """
        {"resourceType":"StructureDefinition","url":"https://example.org/StructureDefinition/babies","name":"Babies","status":"draft",
         "kind":"resource","abstract":false,"type":"Bundle","derivation":"constraint","baseDefinition":"http://hl7.org/fhir/StructureDefinition/Bundle",
         "differential":{"element":[
           {"id":"Bundle.entry","path":"Bundle.entry","slicing":{"discriminator":[{"type":"profile","path":"resource"}],"rules":"open"}},
           {"id":"Bundle.entry:baby","path":"Bundle.entry","sliceName":"baby","min":1,"max":"1"},
           {"id":"Bundle.entry:baby.resource","path":"Bundle.entry.resource",
            "type":[{"code":"Patient","profile":["https://fhirgateway.dev/StructureDefinition/BabyPatient"]}]}]}}
        """,

        // Components with a value first, then those without (exists discriminator, ordered).
        """
        {"resourceType":"StructureDefinition","url":"https://example.org/StructureDefinition/valued","name":"Valued","status":"draft",
         "kind":"resource","abstract":false,"type":"Observation","derivation":"constraint","baseDefinition":"http://hl7.org/fhir/StructureDefinition/Observation",
         "differential":{"element":[
           {"id":"Observation.component","path":"Observation.component","slicing":{"discriminator":[{"type":"exists","path":"value"}],"ordered":true,"rules":"closed"}},
           {"id":"Observation.component:valued","path":"Observation.component","sliceName":"valued","min":1},
           {"id":"Observation.component:valued.value[x]","path":"Observation.component.value[x]","min":1},
           {"id":"Observation.component:unvalued","path":"Observation.component","sliceName":"unvalued"},
           {"id":"Observation.component:unvalued.value[x]","path":"Observation.component.value[x]","max":"0"}]}}
        """,
    ])));

    [Fact]
    public void A_profile_discriminator_sorts_by_conformance()
    {
        var baby = File.ReadAllText(RepoPaths.Combine("tests", "data", "profiles", "BabyPatient-valid.json"));
        var valid = Validator.Value.Validate(Resources.Json(Bundle(baby, """{"resourceType":"Patient","id":"other"}""")), "https://example.org/StructureDefinition/babies");
        var invalid = Validator.Value.Validate(Resources.Json(Bundle("""{"resourceType":"Patient","id":"other"}""")), "https://example.org/StructureDefinition/babies");

        Assert.True(valid.IsValid, Resources.Describe(valid));
        var issue = Assert.Single(invalid.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.SliceCardinality, issue.Code);
        Assert.Contains("'baby'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exists_discriminator_and_ordered_closed_slicing()
    {
        const string Valued = """{"code":{"text":"a"},"valueString":"x"}""";
        const string Unvalued = """{"code":{"text":"b"},"dataAbsentReason":{"text":"not asked"}}""";

        var inOrder = Validator.Value.Validate(Resources.Json(Observation(Valued, Unvalued)), "https://example.org/StructureDefinition/valued");
        var outOfOrder = Validator.Value.Validate(Resources.Json(Observation(Unvalued, Valued)), "https://example.org/StructureDefinition/valued");

        Assert.True(inOrder.IsValid, Resources.Describe(inOrder));
        Assert.Contains(outOfOrder.Issues, i => i.Code == ValidationIssueCodes.SliceOrder && i.Location == "Observation.component[1]");
    }

    private static string Bundle(params string[] resources) =>
        """{"resourceType":"Bundle","type":"collection","entry":[""" +
        string.Join(",", resources.Select((r, i) => $$"""{"fullUrl":"urn:uuid:00000000-0000-4000-8000-00000000000{{i}}","resource":{{r}}}""")) + "]}";

    private static string Observation(params string[] components) =>
        """{"resourceType":"Observation","status":"final","code":{"text":"x"},"component":[""" + string.Join(",", components) + "]}";
}
