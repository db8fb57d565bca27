using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Each primitive has one JSON form: boolean as true/false, integer and decimal as numbers, everything else as a
/// string; complex values as objects (https://hl7.org/fhir/R4/json.html#primitive).
/// </summary>
public sealed class JsonKindTests
{
    [Theory]
    [InlineData("\"birthDate\":19741225", Codes.WrongJsonType, "Patient.birthDate")]
    [InlineData("\"birthDate\":true", Codes.WrongJsonType, "Patient.birthDate")]
    [InlineData("\"birthDate\":{\"value\":\"1974\"}", Codes.WrongJsonType, "Patient.birthDate")]
    [InlineData("\"active\":\"true\"", Codes.WrongJsonType, "Patient.active")]
    [InlineData("\"active\":1", Codes.WrongJsonType, "Patient.active")]
    [InlineData("\"active\":\"false\"", Codes.WrongJsonType, "Patient.active")]
    [InlineData("\"gender\":1", Codes.WrongJsonType, "Patient.gender")]
    [InlineData("\"gender\":false", Codes.WrongJsonType, "Patient.gender")]
    [InlineData("\"multipleBirthInteger\":\"2\"", Codes.WrongJsonType, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":true", Codes.WrongJsonType, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":1.5", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":2.0", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":1e3", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":2147483648", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":-2147483649", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"multipleBirthInteger\":99999999999999999999999", Codes.InvalidValue, "Patient.multipleBirthInteger")]
    [InlineData("\"telecom\":[{\"rank\":0}]", Codes.InvalidValue, "Patient.telecom[0].rank")]
    [InlineData("\"telecom\":[{\"rank\":-1}]", Codes.InvalidValue, "Patient.telecom[0].rank")]
    [InlineData("\"telecom\":[{\"rank\":\"1\"}]", Codes.WrongJsonType, "Patient.telecom[0].rank")]
    [InlineData("\"telecom\":[{\"rank\":3000000000}]", Codes.InvalidValue, "Patient.telecom[0].rank")]
    [InlineData("\"photo\":[{\"size\":-1}]", Codes.InvalidValue, "Patient.photo[0].size")]
    [InlineData("\"maritalStatus\":\"M\"", Codes.WrongJsonType, "Patient.maritalStatus")]
    [InlineData("\"maritalStatus\":5", Codes.WrongJsonType, "Patient.maritalStatus")]
    [InlineData("\"maritalStatus\":true", Codes.WrongJsonType, "Patient.maritalStatus")]
    [InlineData("\"contact\":[\"mum\"]", Codes.WrongJsonType, "Patient.contact[0]")]
    [InlineData("\"text\":{\"status\":\"generated\",\"div\":5}", Codes.WrongJsonType, "Patient.text.div")]
    [InlineData("\"name\":[{\"given\":[1]}]", Codes.WrongJsonType, "Patient.name[0].given[0]")]
    public void A_value_of_the_wrong_JSON_kind_is_reported_and_the_rest_is_read(string member, string code, string location)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","id":"keep",{{{member}}},"language":"en"}"""),
            Error(code, location));

        Assert.Equal("keep", ValueAt(patient, "id"));
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Theory]
    [InlineData("\"multipleBirthInteger\":2147483647", "2147483647")]
    [InlineData("\"multipleBirthInteger\":-2147483648", "-2147483648")]
    [InlineData("\"multipleBirthInteger\":0", "0")]
    [InlineData("\"multipleBirthInteger\":-0", "-0")]
    [InlineData("\"multipleBirthBoolean\":false", "false")]
    [InlineData("\"deceasedBoolean\":true", "true")]
    public void Numbers_and_booleans_are_kept_as_written(string member, string value)
    {
        var patient = AssertClean(R4($$$"""{"resourceType":"Patient",{{{member}}}}"""));

        Assert.Equal(value, patient.Children[0].Value);
        AssertRoundTrips(patient);
    }
}
