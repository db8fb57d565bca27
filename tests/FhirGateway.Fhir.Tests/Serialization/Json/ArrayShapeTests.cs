using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Elements that can repeat are always arrays, even with one item; single elements never are
/// (https://hl7.org/fhir/R4/json.html: cardinality from the definitions decides, not the instance).
/// </summary>
public sealed class ArrayShapeTests
{
    [Theory]
    [InlineData("\"birthDate\":[\"1974-12-25\"]", "Patient.birthDate")]
    [InlineData("\"maritalStatus\":[{\"text\":\"M\"}]", "Patient.maritalStatus")]
    [InlineData("\"text\":[]", "Patient.text")]
    [InlineData("\"multipleBirthBoolean\":[true]", "Patient.multipleBirthBoolean")]
    [InlineData("\"name\":[{\"family\":[\"F\"]}]", "Patient.name[0].family")]
    [InlineData("\"extension\":[{\"url\":\"http://x\",\"valueString\":[\"a\",\"b\"]}]", "Patient.extension[0].valueString")]
    public void A_single_element_written_as_an_array_is_reported_and_left_out(string member, string location)
    {
        var patient = AssertErrors(R4($$$"""{"resourceType":"Patient","id":"keep",{{{member}}},"language":"en"}"""), Error(Codes.ArrayUnexpected, location));

        Assert.Equal("keep", ValueAt(patient, "id"));
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Fact]
    public void A_repeating_complex_element_written_singly_is_reported_and_read_as_one_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":{"family":"F","given":["G"]},"gender":"male"}"""),
            Error(Codes.ArrayExpected, "Patient.name"));

        Assert.Equal("F", ValueAt(patient, "name.family"));
        Assert.Equal("G", ValueAt(patient, "name.given"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_repeating_primitive_written_singly_is_reported_and_read_as_one_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":"Peter","family":"F"}]}"""),
            Error(Codes.ArrayExpected, "Patient.name[0].given"));

        Assert.Equal("Peter", ValueAt(patient, "name.given"));
        Assert.Equal("F", ValueAt(patient, "name.family"));
    }

    [Fact]
    public void A_partner_written_singly_still_aligns_with_the_first_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["Peter"],"_given":{"id":"g"}}]}"""),
            Error(Codes.ArrayExpected, "Patient.name[0].given"));

        Assert.Equal("Peter", ValueAt(patient, "name.given"));
        Assert.Equal("g", ValueAt(patient, "name.given.id"));
    }

    [Fact]
    public void Errors_inside_a_singly_written_item_are_located_at_index_zero()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","name":{"family":1}}"""),
            Error(Codes.ArrayExpected, "Patient.name"),
            Error(Codes.WrongJsonType, "Patient.name[0].family"));
    }

    [Theory]
    [InlineData("\"name\":[[{\"family\":\"F\"}]]", "Patient.name[0]")]
    [InlineData("\"name\":[{\"given\":[[\"a\"]]}]", "Patient.name[0].given[0]")]
    [InlineData("\"identifier\":[{\"value\":\"1\"},[]]", "Patient.identifier[1]")]
    public void An_array_inside_an_array_is_a_wrong_type(string member, string location)
    {
        AssertErrors(R4($$$"""{"resourceType":"Patient",{{{member}}}}"""), Error(Codes.WrongJsonType, location));
    }

    [Fact]
    public void A_repeating_primitive_written_as_a_scalar_of_the_wrong_kind_is_reported_once_per_problem()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":7}]}"""),
            Error(Codes.ArrayExpected, "Patient.name[0].given"),
            Error(Codes.WrongJsonType, "Patient.name[0].given[0]"));
    }

    [Fact]
    public void Items_keep_their_order_when_members_come_out_of_definition_order()
    {
        var patient = AssertClean(R4("""
            {"resourceType":"Patient","telecom":[{"value":"t1"},{"value":"t2"}],"name":[{"family":"n1"},{"family":"n2"},{"family":"n3"}],
             "identifier":[{"value":"i1"}],"id":"p"}
            """));

        Assert.Equal(new[] { "id", "identifier", "name", "name", "name", "telecom", "telecom" }, patient.Children.ToArray().Select(c => c.Name));
        Assert.Equal("n3", ValueAt(patient, "name[2].family"));
        Assert.Equal("t2", ValueAt(patient, "telecom[1].value"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void Long_arrays_out_of_definition_order_are_read_whole()
    {
        // Before children were sorted once per object, each of these items shifted every later sibling (quadratic).
        const int count = 50_000;
        var telecom = string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"value":"{{{i}}}"}"""));
        var names = string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"family":"{{{i}}}"}"""));
        var given = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{i}\""));

        var patient = AssertClean(R4($$$"""{"resourceType":"Patient","telecom":[{{{telecom}}}],"name":[{{{names}}}],"contact":[{"name":{"given":[{{{given}}}]}}]}"""));

        Assert.Equal(count, CountAt(patient, "name"));
        Assert.Equal(count, CountAt(patient, "contact.name.given"));
        Assert.Equal("49999", ValueAt(patient, "name[49999].family"));
        Assert.Equal("12345", ValueAt(patient, "contact.name.given[12345]"));
    }
}
