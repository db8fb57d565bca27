using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// A primitive's id and extensions travel in a '_' partner property; in lists the two arrays align item by item,
/// with null holding places (https://hl7.org/fhir/R4/json.html#primitive).
/// </summary>
public sealed class PrimitiveExtensionTests
{
    private const string Ext = """{"extension":[{"url":"http://example.org/x","valueString":"e"}]}""";

    [Fact]
    public void A_value_and_its_partner_make_one_primitive()
    {
        var patient = AssertClean(R4($$$"""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{{{Ext}}},"gender":"male"}"""));

        var birthDate = At(patient, "birthDate")!;
        Assert.Equal("1974-12-25", birthDate.Value);
        Assert.Equal("e", ValueAt(birthDate, "extension.value"));
        Assert.Equal(1, CountAt(patient, "birthDate"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void The_partner_may_come_first()
    {
        var first = AssertClean(R4($$$"""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{{{Ext}}}}"""));
        var second = AssertClean(R4($$$"""{"resourceType":"Patient","_birthDate":{{{Ext}}},"birthDate":"1974-12-25"}"""));

        Assert.True(first.IsExactly(second));
    }

    [Fact]
    public void A_partner_without_a_value_is_a_primitive_with_extensions_only()
    {
        var patient = AssertClean(R4($$$"""{"resourceType":"Patient","_birthDate":{{{Ext}}}}"""));

        var birthDate = At(patient, "birthDate")!;
        Assert.Null(birthDate.Value);
        Assert.Equal("http://example.org/x", ValueAt(birthDate, "extension.url"));
        Assert.Equal($$$"""{"resourceType":"Patient","_birthDate":{{{Ext}}}}""", AssertRoundTrips(patient));
    }

    [Fact]
    public void A_partner_with_only_an_id_is_kept()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{"id":"b1"}}"""));

        Assert.Equal("b1", ValueAt(patient, "birthDate.id"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void List_partners_align_by_position_with_nulls_holding_places()
    {
        var patient = AssertClean(R4($$$"""
            {"resourceType":"Patient","name":[{"given":["Peter",null,"Jim"],"_given":[null,{{{Ext}}},{"id":"g3"}]}]}
            """));

        Assert.Equal(3, CountAt(patient, "name.given"));
        Assert.Equal("Peter", ValueAt(patient, "name.given[0]"));
        Assert.Equal(0, At(patient, "name.given[0]")!.ChildCount);
        Assert.Null(ValueAt(patient, "name.given[1]"));
        Assert.Equal("e", ValueAt(patient, "name.given[1].extension.value"));
        Assert.Equal("Jim", ValueAt(patient, "name.given[2]"));
        Assert.Equal("g3", ValueAt(patient, "name.given[2].id"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void List_partners_may_come_in_either_order_and_around_other_members()
    {
        var first = AssertClean(R4($$$"""{"resourceType":"Patient","name":[{"family":"F","given":["a","b"],"_given":[null,{{{Ext}}}]}]}"""));
        var second = AssertClean(R4($$$"""{"resourceType":"Patient","name":[{"_given":[null,{{{Ext}}}],"family":"F","given":["a","b"]}]}"""));

        Assert.True(first.IsExactly(second));
    }

    [Fact]
    public void A_longer_partner_array_is_a_length_mismatch_and_the_aligned_part_is_kept()
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","name":[{"given":["a","b"],"_given":[null,{{{Ext}}},null]}],"gender":"male"}"""),
            Error(Codes.ArrayLengthMismatch, "Patient.name[0].given"));

        Assert.Equal(2, CountAt(patient, "name.given"));
        Assert.Equal("e", ValueAt(patient, "name.given[1].extension.value"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_shorter_partner_array_is_a_length_mismatch()
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","name":[{"_given":[{{{Ext}}}],"given":["a","b",null]}]}"""),
            Error(Codes.ArrayLengthMismatch, "Patient.name[0].given"));

        Assert.Equal(new[] { "a", "b" }, patient.Child("name")!.ChildrenNamed("given").Select(g => g.Value));
        Assert.Equal("e", ValueAt(patient, "name.given[0].extension.value"));
    }

    [Fact]
    public void Null_on_both_sides_is_reported_at_the_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a",null,"c"],"_given":[null,null,{"id":"x"}]}]}"""),
            Error(Codes.NullValue, "Patient.name[0].given[1]"));

        Assert.Equal(new[] { "a", "c" }, patient.Child("name")!.ChildrenNamed("given").Select(g => g.Value));
        Assert.Equal("x", ValueAt(patient, "name.given[1].id"));
    }

    [Fact]
    public void A_null_without_a_partner_is_reported_at_the_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a",null,null]}]}"""),
            Error(Codes.NullValue, "Patient.name[0].given[1]"),
            Error(Codes.NullValue, "Patient.name[0].given[2]"));

        Assert.Equal("a", ValueAt(patient, "name.given"));
        Assert.Equal(1, CountAt(patient, "name.given"));
    }

    [Fact]
    public void A_value_left_out_for_an_error_keeps_the_partner_aligned()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a",5,"c"],"_given":[null,null,{"id":"for-c"}]}]}"""),
            Error(Codes.WrongJsonType, "Patient.name[0].given[1]"));

        Assert.Equal(new[] { "a", "c" }, patient.Child("name")!.ChildrenNamed("given").Select(g => g.Value));
        Assert.Equal("for-c", ValueAt(patient, "name.given[1].id"));
    }

    [Fact]
    public void A_value_left_out_for_an_error_keeps_its_own_extensions()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a",true],"_given":[null,{"id":"kept"}]}]}"""),
            Error(Codes.WrongJsonType, "Patient.name[0].given[1]"));

        Assert.Null(ValueAt(patient, "name.given[1]"));
        Assert.Equal("kept", ValueAt(patient, "name.given[1].id"));
    }

    [Fact]
    public void A_partner_item_that_is_not_an_object_is_reported_at_the_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a","b"],"_given":[null,"x"]}]}"""),
            Error(Codes.WrongJsonType, "Patient.name[0].given[1]"));

        Assert.Equal("b", ValueAt(patient, "name.given[1]"));
        Assert.Equal(0, At(patient, "name.given[1]")!.ChildCount);
    }

    [Theory]
    [InlineData("\"1974\"")]
    [InlineData("1974")]
    [InlineData("true")]
    [InlineData("[]")]
    public void A_single_partner_must_be_an_object(string partner)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{{{partner}}}}"""),
            partner == "[]" ? Error(Codes.ArrayUnexpected, "Patient.birthDate") : Error(Codes.WrongJsonType, "Patient.birthDate"));

        Assert.Equal("1974-12-25", ValueAt(patient, "birthDate"));
    }

    [Fact]
    public void An_empty_partner_object_is_an_empty_element()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":{}}"""),
            Error(Codes.EmptyElement, "Patient.birthDate"));

        Assert.Equal("1974-12-25", ValueAt(patient, "birthDate"));
    }

    [Fact]
    public void A_partner_whose_content_is_all_wrong_is_reported_once()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","_birthDate":{"value":"1974"},"gender":"male"}"""),
            Error(Codes.UnknownElement, "Patient.birthDate.value"));

        Assert.Null(At(patient, "birthDate"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_null_partner_outside_an_array_is_a_null_value()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","birthDate":"1974-12-25","_birthDate":null}"""),
            Error(Codes.NullValue, "Patient.birthDate"));

        Assert.Equal("1974-12-25", ValueAt(patient, "birthDate"));
    }

    [Fact]
    public void A_partner_of_a_complex_element_is_unknown()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","_maritalStatus":{"id":"x"},"gender":"male"}"""),
            Error(Codes.UnknownElement, "Patient._maritalStatus"));

        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void Narrative_xhtml_takes_no_partner()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>","_div":{"id":"d"}}}"""),
            Error(Codes.UnknownElement, "Patient.text._div"));
    }

    [Fact]
    public void A_partner_without_any_primitive_name_is_unknown()
    {
        AssertErrors(R4("""{"resourceType":"Patient","_":{"id":"x"},"_nothing":{"id":"y"}}"""),
            Error(Codes.UnknownElement, "Patient._"),
            Error(Codes.UnknownElement, "Patient._nothing"));
    }

    [Fact]
    public void Errors_inside_a_partner_are_located_below_the_item()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"given":["a","b"],"_given":[null,{"extension":[{"url":"http://x","valueInteger":"7"}]}]}]}"""),
            Error(Codes.WrongJsonType, "Patient.name[0].given[1].extension[0].valueInteger"));

        Assert.Equal("http://x", ValueAt(patient, "name.given[1].extension.url"));
    }

    [Fact]
    public void A_choice_primitive_takes_its_partner_by_the_full_name()
    {
        var patient = AssertClean(R4($$$"""{"resourceType":"Patient","deceasedBoolean":false,"_deceasedBoolean":{{{Ext}}}}"""));

        Assert.Equal("false", ValueAt(patient, "deceased"));
        Assert.Equal("e", ValueAt(patient, "deceased.extension.value"));
        AssertRoundTrips(patient);
    }
}
