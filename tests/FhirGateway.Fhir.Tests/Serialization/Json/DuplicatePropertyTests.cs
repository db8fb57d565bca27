using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// A property appears once per object (RFC 8259 section 4 leaves duplicates undefined; FHIR has one place for
/// each element). The first occurrence is kept and each repeat reported.
/// </summary>
public sealed class DuplicatePropertyTests
{
    [Theory]
    [InlineData("\"gender\":\"male\",\"gender\":\"female\"", "Patient.gender")]
    [InlineData("\"gender\":\"male\",\"gend\\u0065r\":\"female\"", "Patient.gender")]
    [InlineData("\"id\":\"a\",\"id\":\"b\"", "Patient.id")]
    [InlineData("\"maritalStatus\":{\"text\":\"a\"},\"maritalStatus\":{\"text\":\"b\"}", "Patient.maritalStatus")]
    [InlineData("\"name\":[{\"family\":\"a\"}],\"name\":[{\"family\":\"b\"}]", "Patient.name")]
    [InlineData("\"name\":[{\"given\":[\"a\"],\"given\":[\"b\"]}]", "Patient.name[0].given")]
    [InlineData("\"name\":[{\"given\":[\"a\"],\"_given\":[{\"id\":\"a\"}],\"_given\":[{\"id\":\"b\"}]}]", "Patient.name[0].given")]
    [InlineData("\"name\":[{\"family\":\"a\",\"family\":\"b\"}]", "Patient.name[0].family")]
    [InlineData("\"_birthDate\":{\"id\":\"a\"},\"_birthDate\":{\"id\":\"b\"}", "Patient.birthDate")]
    [InlineData("\"text\":{\"status\":\"generated\",\"status\":\"additional\"}", "Patient.text.status")]
    [InlineData("\"contained\":[{\"resourceType\":\"Basic\",\"id\":\"a\"}],\"contained\":[{\"resourceType\":\"Basic\",\"id\":\"b\"}]", "Patient.contained")]
    [InlineData("\"extension\":[{\"url\":\"http://a\",\"url\":\"http://b\",\"valueString\":\"a\"}]", "Patient.extension[0].url")]
    [InlineData("\"multipleBirthInteger\":1,\"multipleBirthInteger\":2", "Patient.multipleBirthInteger")]
    public void A_repeated_property_is_reported_and_the_first_is_kept(string members, string location)
    {
        var patient = AssertErrors(R4($$$"""{"resourceType":"Patient",{{{members}}},"language":"en"}"""), Error(Codes.DuplicateProperty, location));

        var json = FhirJsonWriter.SerializeToString(patient);
        Assert.DoesNotContain("\"b\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("female", json, StringComparison.Ordinal);
        Assert.DoesNotContain("additional", json, StringComparison.Ordinal);
        Assert.DoesNotContain("http://b", json, StringComparison.Ordinal);
        Assert.DoesNotContain(":2", json, StringComparison.Ordinal);
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Theory]
    [InlineData("\"birthDate\":\"1974-13-01\",\"birthDate\":\"1974-12-25\"", Codes.InvalidValue)]
    [InlineData("\"birthDate\":null,\"birthDate\":\"1974-12-25\"", Codes.NullValue)]
    [InlineData("\"birthDate\":[\"1974-12-25\"],\"birthDate\":\"1974-12-25\"", Codes.ArrayUnexpected)]
    [InlineData("\"birthDate\":5,\"birthDate\":\"1974-12-25\"", Codes.WrongJsonType)]
    public void A_repeat_is_reported_even_when_the_first_was_left_out(string members, string firstProblem)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient",{{{members}}}}"""),
            Error(firstProblem, "Patient.birthDate"),
            Error(Codes.DuplicateProperty, "Patient.birthDate"));

        Assert.Null(At(patient, "birthDate"));
    }

    [Fact]
    public void A_repeated_empty_array_is_still_a_repeat()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[],"name":[{"family":"F"}]}"""),
            Error(Codes.EmptyArray, "Patient.name"),
            Error(Codes.DuplicateProperty, "Patient.name"));

        Assert.Null(At(patient, "name"));
    }

    [Fact]
    public void A_value_and_its_partner_are_not_repeats()
    {
        AssertClean(R4("""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{"id":"b"},"name":[{"given":["a"],"_given":[{"id":"g"}]}]}"""));
    }

    [Fact]
    public void Repeats_in_different_objects_are_not_repeats()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","name":[{"family":"a"},{"family":"b"}],"contact":[{"name":{"family":"c"}}]}"""));

        Assert.Equal("b", ValueAt(patient, "name[1].family"));
        Assert.Equal("c", ValueAt(patient, "contact.name.family"));
    }

    [Fact]
    public void Each_repeat_is_reported()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","gender":"male","gender":"male","gender":"male","active":true,"active":true}"""),
            Error(Codes.DuplicateProperty, "Patient.gender"),
            Error(Codes.DuplicateProperty, "Patient.gender"),
            Error(Codes.DuplicateProperty, "Patient.active"));
    }

    [Fact]
    public void Repeated_unknown_properties_are_reported_as_unknown_each_time()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","foo":1,"foo":2}"""),
            Error(Codes.UnknownElement, "Patient.foo"),
            Error(Codes.UnknownElement, "Patient.foo"));
    }
}
