using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>A choice element is written with its type as a suffix, and holds one type only (https://hl7.org/fhir/R4/formats.html#choice).</summary>
public sealed class ChoiceTypeTests
{
    [Fact]
    public void The_suffix_selects_the_type()
    {
        var observation = AssertClean(R4("""
            {"resourceType":"Observation","status":"final","code":{"text":"weight"},
             "valueQuantity":{"value":67.50,"unit":"kg"},"effectiveDateTime":"2020-01-01"}
            """));

        var value = At(observation, "value")!;
        Assert.Equal("Quantity", value.Type.Name);
        Assert.Equal("valueQuantity", value.SerializedName);
        Assert.Equal("67.50", ValueAt(observation, "value.value"));
        Assert.Equal("dateTime", At(observation, "effective")!.Type.Name);
        AssertRoundTrips(observation);
    }

    [Theory]
    [InlineData("\"valueString\":\"a\",\"valueQuantity\":{\"value\":1}", "Observation.valueQuantity")]
    [InlineData("\"valueQuantity\":{\"value\":1},\"valueString\":\"a\"", "Observation.valueString")]
    [InlineData("\"valueString\":\"a\",\"valueBoolean\":true", "Observation.valueBoolean")]
    [InlineData("\"valueString\":\"a\",\"_valueBoolean\":{\"id\":\"x\"}", "Observation.valueBoolean")]
    [InlineData("\"_valueString\":{\"id\":\"x\"},\"valueInteger\":1", "Observation.valueInteger")]
    public void Two_choices_at_once_conflict_and_the_first_is_kept(string members, string location)
    {
        var observation = AssertErrors(
            R4($$$"""{"resourceType":"Observation","status":"final",{{{members}}},"code":{"text":"c"}}"""),
            Error(Codes.ChoiceConflict, location));

        Assert.Equal(1, CountAt(observation, "value"));
        Assert.NotEqual(location, "Observation." + At(observation, "value")!.SerializedName);
        Assert.Equal("c", ValueAt(observation, "code.text"));
    }

    [Fact]
    public void A_choice_with_its_own_partner_is_no_conflict()
    {
        var observation = AssertClean(R4("""{"resourceType":"Observation","status":"final","code":{"text":"c"},"valueString":"a","_valueString":{"id":"v"}}"""));

        Assert.Equal("a", ValueAt(observation, "value"));
        Assert.Equal("v", ValueAt(observation, "value.id"));
    }

    [Fact]
    public void A_second_choice_conflicts_even_when_the_first_was_left_out()
    {
        var observation = AssertErrors(
            R4("""{"resourceType":"Observation","valueInteger":"7","valueString":"7","status":"final"}"""),
            Error(Codes.WrongJsonType, "Observation.valueInteger"),
            Error(Codes.ChoiceConflict, "Observation.valueString"));

        Assert.Null(At(observation, "value"));
        Assert.Equal("final", ValueAt(observation, "status"));
    }

    [Theory]
    [InlineData("valueFoo")]
    [InlineData("valuequantity")]
    [InlineData("valueSimpleQuantity")]
    [InlineData("value")]
    [InlineData("value[x]")]
    [InlineData("valueReference")]
    public void A_suffix_naming_no_allowed_type_is_unknown(string name)
    {
        var observation = AssertErrors(
            R4($$$"""{"resourceType":"Observation","status":"final","{{{name}}}":{"value":1}}"""),
            Error(Codes.UnknownElement, "Observation." + name));

        Assert.Null(At(observation, "value"));
        Assert.Equal("final", ValueAt(observation, "status"));
    }

    [Fact]
    public void Errors_in_a_chosen_value_are_located_by_its_full_name()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","extension":[{"url":"http://x","valueQuantity":{"value":"1"}},{"url":"http://y","valueDate":"2020-13"}]}"""),
            Error(Codes.WrongJsonType, "Patient.extension[0].valueQuantity.value"),
            Error(Codes.InvalidValue, "Patient.extension[1].valueDate"));

        Assert.Equal(2, CountAt(patient, "extension"));
    }

    [Fact]
    public void A_choice_of_a_primitive_written_as_an_object_is_a_wrong_type()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","multipleBirthInteger":{"value":2},"deceasedBoolean":"false"}"""),
            Error(Codes.WrongJsonType, "Patient.multipleBirthInteger"),
            Error(Codes.WrongJsonType, "Patient.deceasedBoolean"));
    }
}
