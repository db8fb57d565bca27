using System.Text.Json.Nodes;
using FhirGateway.Validation.Definitions;

namespace FhirGateway.Validation.Tests.Definitions;

/// <summary>Snapshots generated from differentials by merging them into the base snapshot.</summary>
public sealed class SnapshotGeneratorTests
{
    private const string Core = "http://hl7.org/fhir/StructureDefinition/";

    [Fact]
    public void Differential_properties_are_merged_into_the_base_element()
    {
        var snapshot = Generate("Patient", """
            [{"id":"Patient.gender","path":"Patient.gender","min":1,"short":"Sex"},
             {"id":"Patient.name","path":"Patient.name","max":"2"}]
            """);

        var gender = Element(snapshot, "Patient.gender");
        Assert.Equal(1, gender.Int("min"));
        Assert.Equal("1", gender.Str("max"));
        Assert.Equal("Sex", gender.Str("short"));
        Assert.Equal("required", gender["binding"].Str("strength"));
        Assert.Equal("2", Element(snapshot, "Patient.name").Str("max"));
        Assert.Equal(ConformanceResources.R4.GetSnapshot(Core + "Patient")!.Count, snapshot.Count);
    }

    [Fact]
    public void Children_left_to_the_type_are_expanded_from_the_type_definition()
    {
        var snapshot = Generate("Patient", """
            [{"id":"Patient.address.postalCode","path":"Patient.address.postalCode","min":1}]
            """);

        var address = Ids(snapshot).SkipWhile(id => id != "Patient.address").Skip(1).TakeWhile(id => id.StartsWith("Patient.address.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Patient.address.id", "Patient.address.extension", "Patient.address.use", "Patient.address.type", "Patient.address.text",
            "Patient.address.line", "Patient.address.city", "Patient.address.district", "Patient.address.state", "Patient.address.postalCode",
            "Patient.address.country", "Patient.address.period"], address);
        Assert.Equal("Patient.address.postalCode", Element(snapshot, "Patient.address.postalCode").Str("path"));
        Assert.Equal(1, Element(snapshot, "Patient.address.postalCode").Int("min"));
    }

    [Fact]
    public void A_slice_copies_the_sliced_element_and_comes_after_it()
    {
        var snapshot = Generate("Patient", """
            [{"id":"Patient.identifier","path":"Patient.identifier","slicing":{"discriminator":[{"type":"value","path":"system"}],"rules":"open"}},
             {"id":"Patient.identifier:nhs","path":"Patient.identifier","sliceName":"nhs","min":1,"max":"1"},
             {"id":"Patient.identifier:nhs.system","path":"Patient.identifier.system","fixedUri":"https://fhir.nhs.uk/Id/nhs-number"}]
            """);

        var ids = Ids(snapshot);
        var sliced = ids.IndexOf("Patient.identifier");
        Assert.Equal("Patient.identifier:nhs", ids[sliced + 1]);
        Assert.Equal("Patient.identifier:nhs.id", ids[sliced + 2]);
        Assert.Equal("Patient.active", ids[ids.IndexOf("Patient.identifier:nhs.assigner") + 1]);
        var slice = Element(snapshot, "Patient.identifier:nhs");
        Assert.Equal("nhs", slice.Str("sliceName"));
        Assert.Null(slice["slicing"]);
        Assert.Equal("Patient.identifier", slice.Str("path"));
        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", Element(snapshot, "Patient.identifier:nhs.system").Str("fixedUri"));
        Assert.NotNull(Element(snapshot, "Patient.identifier")["slicing"]);
    }

    [Fact]
    public void Constraints_are_added_with_their_source()
    {
        var snapshot = Generate("Patient", """
            [{"id":"Patient","path":"Patient","constraint":[{"key":"t-1","severity":"error","human":"x","expression":"true"}]}]
            """);

        var keys = Element(snapshot, "Patient")["constraint"]!.AsArray().Select(c => c.Str("key")).ToList();
        Assert.Contains("dom-2", keys);
        Assert.Contains("t-1", keys);
        Assert.Equal("https://example.org/StructureDefinition/test", Element(snapshot, "Patient")["constraint"]!.AsArray().Single(c => c.Str("key") == "t-1").Str("source"));
    }

    [Fact]
    public void A_fixed_value_replaces_a_pattern()
    {
        var snapshot = Generate("Observation", """
            [{"id":"Observation.status","path":"Observation.status","patternCode":"final"},
             {"id":"Observation.status","path":"Observation.status","fixedCode":"amended"}]
            """);

        var status = Element(snapshot, "Observation.status");
        Assert.Null(status["patternCode"]);
        Assert.Equal("amended", status.Str("fixedCode"));
    }

    [Fact]
    public void A_choice_constrained_to_one_type_gets_that_types_children()
    {
        var snapshot = Generate("Observation", """
            [{"id":"Observation.value[x]","path":"Observation.value[x]","type":[{"code":"Quantity"}]},
             {"id":"Observation.value[x].code","path":"Observation.value[x].code","fixedCode":"g"}]
            """);

        Assert.Equal("g", Element(snapshot, "Observation.value[x].code").Str("fixedCode"));
    }

    [Fact]
    public void Children_of_a_choice_with_several_types_cannot_be_constrained()
    {
        Assert.Throws<InvalidDataException>(() => Generate("Observation", """
            [{"id":"Observation.value[x].code","path":"Observation.value[x].code","fixedCode":"g"}]
            """));
    }

    [Fact]
    public void An_element_the_base_does_not_have_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => Generate("Patient", """
            [{"id":"Patient.nickname","path":"Patient.nickname","min":1}]
            """));

        Assert.Contains("Patient.nickname", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_can_build_on_another_profile()
    {
        var snapshot = SnapshotGenerator.Generate(Sd("Patient", "https://fhirgateway.dev/StructureDefinition/BabyPatient", """
            [{"id":"Patient.identifier:nhsNumber.period","path":"Patient.identifier.period","min":1}]
            """), Snapshot);

        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", Element(snapshot, "Patient.identifier:nhsNumber.system").Str("fixedUri"));
        Assert.Equal(1, Element(snapshot, "Patient.identifier:nhsNumber.period").Int("min"));
        Assert.Contains(Element(snapshot, "Patient.identifier:nhsNumber")["constraint"]!.AsArray(), c => c.Str("key") == "fgw-pat-1");
    }

    [Fact]
    public void Extension_slices_with_content_expand_the_extension_definition()
    {
        var snapshot = Generate("Patient", """
            [{"id":"Patient.extension:mmn","path":"Patient.extension","sliceName":"mmn",
              "type":[{"code":"Extension","profile":["http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName"]}]},
             {"id":"Patient.extension:mmn.value[x]","path":"Patient.extension.value[x]","maxLength":40}]
            """);

        Assert.Equal("http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName", Element(snapshot, "Patient.extension:mmn.url").Str("fixedUri"));
        Assert.Equal(40, Element(snapshot, "Patient.extension:mmn.value[x]").Int("maxLength"));
    }

    private static JsonArray Generate(string type, string differential) =>
        SnapshotGenerator.Generate(Sd(type, Core + type, differential), Snapshot);

    private static JsonArray? Snapshot(string url) => ConformanceResources.R4.GetSnapshot(url);

    private static JsonObject Sd(string type, string baseUrl, string differential) => new()
    {
        ["resourceType"] = "StructureDefinition",
        ["url"] = "https://example.org/StructureDefinition/test",
        ["type"] = type,
        ["baseDefinition"] = baseUrl,
        ["derivation"] = "constraint",
        ["differential"] = new JsonObject { ["element"] = JsonNode.Parse(differential) },
    };

    private static List<string> Ids(JsonArray snapshot) => [.. snapshot.Select(e => e.Str("id")!)];

    private static JsonObject Element(JsonArray snapshot, string id) =>
        snapshot.Single(e => e.Str("id") == id)!.AsObject();
}
