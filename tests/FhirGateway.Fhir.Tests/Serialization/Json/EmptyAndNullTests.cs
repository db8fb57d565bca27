using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// An element with no content is left out, never written empty or as null; null only holds a place in a
/// primitive array (https://hl7.org/fhir/R4/json.html).
/// </summary>
public sealed class EmptyAndNullTests
{
    [Theory]
    [InlineData("\"maritalStatus\":{}", Codes.EmptyElement, "Patient.maritalStatus")]
    [InlineData("\"name\":[{}]", Codes.EmptyElement, "Patient.name[0]")]
    [InlineData("\"contact\":[{}]", Codes.EmptyElement, "Patient.contact[0]")]
    [InlineData("\"contact\":[{\"name\":{}}]", Codes.EmptyElement, "Patient.contact[0].name")]
    [InlineData("\"text\":{}", Codes.EmptyElement, "Patient.text")]
    [InlineData("\"extension\":[{}]", Codes.EmptyElement, "Patient.extension[0]")]
    [InlineData("\"name\":[]", Codes.EmptyArray, "Patient.name")]
    [InlineData("\"extension\":[]", Codes.EmptyArray, "Patient.extension")]
    [InlineData("\"name\":[{\"given\":[]}]", Codes.EmptyArray, "Patient.name[0].given")]
    [InlineData("\"name\":[{\"_given\":[]}]", Codes.EmptyArray, "Patient.name[0].given")]
    [InlineData("\"gender\":null", Codes.NullValue, "Patient.gender")]
    [InlineData("\"_gender\":null", Codes.NullValue, "Patient.gender")]
    [InlineData("\"maritalStatus\":null", Codes.NullValue, "Patient.maritalStatus")]
    [InlineData("\"name\":null", Codes.NullValue, "Patient.name")]
    [InlineData("\"name\":[null]", Codes.NullValue, "Patient.name[0]")]
    [InlineData("\"name\":[{\"given\":null}]", Codes.NullValue, "Patient.name[0].given")]
    [InlineData("\"name\":[{\"given\":[null]}]", Codes.NullValue, "Patient.name[0].given[0]")]
    [InlineData("\"extension\":null", Codes.NullValue, "Patient.extension")]
    [InlineData("\"text\":{\"status\":\"generated\",\"div\":null}", Codes.NullValue, "Patient.text.div")]
    [InlineData("\"gender\":\"\"", Codes.InvalidValue, "Patient.gender")]
    [InlineData("\"name\":[{\"family\":\"\"}]", Codes.InvalidValue, "Patient.name[0].family")]
    public void Empty_and_null_values_are_reported_once_and_the_rest_is_read(string member, string code, string location)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","id":"keep",{{{member}}},"language":"en"}"""),
            Error(code, location));

        Assert.Equal("keep", ValueAt(patient, "id"));
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Fact]
    public void An_empty_item_is_dropped_and_later_items_are_kept()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{},null,{"family":"F"}]}"""),
            Error(Codes.EmptyElement, "Patient.name[0]"),
            Error(Codes.NullValue, "Patient.name[1]"));

        Assert.Equal(1, CountAt(patient, "name"));
        Assert.Equal("F", ValueAt(patient, "name.family"));
    }

    [Fact]
    public void An_object_whose_members_were_all_left_out_is_not_reported_again_as_empty()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"foo":1},{"family":7}],"maritalStatus":{"bar":[]}}"""),
            Error(Codes.UnknownElement, "Patient.name[0].foo"),
            Error(Codes.WrongJsonType, "Patient.name[1].family"),
            Error(Codes.UnknownElement, "Patient.maritalStatus.bar"));

        Assert.Null(At(patient, "name"));
        Assert.Null(At(patient, "maritalStatus"));
    }

    [Fact]
    public void A_resource_with_only_resourceType_is_not_empty()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient"}"""));
        Assert.Equal(0, patient.ChildCount);

        var bundle = AssertClean(R4("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Basic"}}]}"""));
        Assert.Equal("Basic", At(bundle, "entry.resource")!.Type.Name);
        AssertRoundTrips(bundle);
    }

    [Fact]
    public void Strings_keep_their_whitespace_exactly()
    {
        // The string pattern [ \r\n\t\S]+ allows whitespace only; trimming is the XML format's concern.
        var patient = AssertClean(R4("""{"resourceType":"Patient","name":[{"family":"  ","given":[" Anne  Marie\n"]}]}"""));

        Assert.Equal("  ", ValueAt(patient, "name.family"));
        Assert.Equal(" Anne  Marie\n", ValueAt(patient, "name.given"));
        AssertRoundTrips(patient);
    }
}
