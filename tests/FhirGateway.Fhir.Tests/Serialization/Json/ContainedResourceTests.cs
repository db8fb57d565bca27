using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>Contained resources are whole resource objects in an array (https://hl7.org/fhir/R4/references.html#contained).</summary>
public sealed class ContainedResourceTests
{
    [Fact]
    public void Contained_resources_are_read_with_their_own_types()
    {
        var patient = AssertClean(R4("""
            {"resourceType":"Patient","id":"p",
             "contained":[{"resourceType":"Organization","id":"org","name":"Acme"},{"resourceType":"Practitioner","id":"gp","name":[{"family":"Who"}]}],
             "generalPractitioner":[{"reference":"#gp"}],"managingOrganization":{"reference":"#org"}}
            """));

        Assert.Equal(new[] { "Organization", "Practitioner" }, patient.ChildrenNamed("contained").Select(c => c.Type.Name));
        Assert.Equal("Acme", ValueAt(patient, "contained[0].name"));
        Assert.Equal("Who", ValueAt(patient, "contained[1].name.family"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void Errors_inside_a_contained_resource_are_located_inside_it()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","contained":[{"resourceType":"Organization","id":"o"},{"resourceType":"Patient","birthDate":"1974-13-01","gender":"female","foo":1}],"gender":"male"}"""),
            Error(Codes.InvalidValue, "Patient.contained[1].birthDate"),
            Error(Codes.UnknownElement, "Patient.contained[1].foo"));

        Assert.Equal("female", ValueAt(patient, "contained[1].gender"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_single_contained_object_is_read_as_the_one_item_it_should_have_been_in()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","contained":{"resourceType":"Organization","id":"o"}}"""),
            Error(Codes.ArrayExpected, "Patient.contained"));

        Assert.Equal("o", ValueAt(patient, "contained.id"));
    }

    [Theory]
    [InlineData("[null]", Codes.NullValue, "Patient.contained[0]")]
    [InlineData("[\"Organization\"]", Codes.WrongJsonType, "Patient.contained[0]")]
    [InlineData("[[{\"resourceType\":\"Organization\"}]]", Codes.WrongJsonType, "Patient.contained[0]")]
    [InlineData("[]", Codes.EmptyArray, "Patient.contained")]
    [InlineData("null", Codes.NullValue, "Patient.contained")]
    [InlineData("[{}]", Codes.MissingResourceType, "Patient.contained[0]")]
    public void Contained_must_be_an_array_of_resource_objects(string contained, string code, string location)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","contained":{{{contained}}},"gender":"male"}"""),
            Error(code, location));

        Assert.Null(At(patient, "contained"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_bundle_in_a_bundle_is_read_to_the_bottom()
    {
        var bundle = AssertClean(R4("""
            {"resourceType":"Bundle","type":"collection","entry":[{"resource":
              {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"deep"}}]}}]}
            """));

        Assert.Equal("deep", ValueAt(bundle, "entry.resource.entry.resource.id"));
        AssertRoundTrips(bundle);
    }

    [Fact]
    public void Bundle_entry_resource_is_single()
    {
        // The first entry is left with nothing and dropped, without a second issue saying so.
        var bundle = AssertErrors(
            R4("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":[{"resourceType":"Patient"}]},{"resource":{"resourceType":"Patient","id":"ok"}}]}"""),
            Error(Codes.ArrayUnexpected, "Bundle.entry[0].resource"));

        Assert.Equal(1, CountAt(bundle, "entry"));
        Assert.Equal("ok", ValueAt(bundle, "entry.resource.id"));
    }
}
