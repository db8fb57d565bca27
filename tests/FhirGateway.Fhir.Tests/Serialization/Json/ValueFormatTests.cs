using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Primitive values match their type's regular expression from the definitions (https://hl7.org/fhir/R4/datatypes.html),
/// and narrative is a well-formed XHTML div (https://hl7.org/fhir/R4/narrative.html#xhtml).
/// </summary>
public sealed class ValueFormatTests
{
    private const string Div = "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">";

    [Theory]
    [InlineData("\"birthDate\":\"1974-13-01\"", "Patient.birthDate")]
    [InlineData("\"birthDate\":\"1974-12-32\"", "Patient.birthDate")]
    [InlineData("\"birthDate\":\"74-12-25\"", "Patient.birthDate")]
    [InlineData("\"birthDate\":\"1974/12/25\"", "Patient.birthDate")]
    [InlineData("\"birthDate\":\"1974-12-25T10:00:00Z\"", "Patient.birthDate")]
    [InlineData("\"birthDate\":\" 1974\"", "Patient.birthDate")]
    [InlineData("\"deceasedDateTime\":\"2020-01-01T10:00:00\"", "Patient.deceasedDateTime")]
    [InlineData("\"deceasedDateTime\":\"2020-01-01T25:00:00Z\"", "Patient.deceasedDateTime")]
    [InlineData("\"gender\":\" male\"", "Patient.gender")]
    [InlineData("\"gender\":\"ma  le\"", "Patient.gender")]
    [InlineData("\"implicitRules\":\"http://a b\"", "Patient.implicitRules")]
    [InlineData("\"meta\":{\"lastUpdated\":\"2020-01-01\"}", "Patient.meta.lastUpdated")]
    [InlineData("\"meta\":{\"versionId\":\"has space\"}", "Patient.meta.versionId")]
    [InlineData("\"photo\":[{\"data\":\"not base64!\"}]", "Patient.photo[0].data")]
    [InlineData("\"photo\":[{\"data\":\"AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  AAAA  !\"}]", "Patient.photo[0].data")]
    public void A_value_that_breaks_its_format_is_reported_and_the_rest_is_read(string member, string location)
    {
        var patient = AssertErrors(R4($$$"""{"resourceType":"Patient","id":"keep",{{{member}}},"language":"en"}"""), Error(Codes.InvalidValue, location));

        Assert.Equal("keep", ValueAt(patient, "id"));
        Assert.Equal("en", ValueAt(patient, "language"));
    }

    [Theory]
    [InlineData("\"birthDate\":\"1974\"")]
    [InlineData("\"birthDate\":\"1974-12\"")]
    [InlineData("\"deceasedDateTime\":\"2020-01-01T10:00:00.123+14:00\"")]
    [InlineData("\"meta\":{\"lastUpdated\":\"2020-01-01T10:00:00Z\"}")]
    [InlineData("\"photo\":[{\"data\":\"AAAA AAAA\\nAAAA\"}]")]
    [InlineData("\"name\":[{\"family\":\"Zo\\u00eb \\u65e5\\u672c \\ud83d\\ude00\"}]")]
    public void Values_in_their_format_are_accepted(string member)
    {
        AssertRoundTrips(AssertClean(R4($$$"""{"resourceType":"Patient",{{{member}}}}""")));
    }

    [Fact]
    public void Format_checks_can_be_turned_off_and_values_are_then_kept_as_written()
    {
        var options = new FhirReaderOptions { ValidatePrimitiveValues = false };
        var patient = AssertClean(R4("""{"resourceType":"Patient","birthDate":"1974-13-01","multipleBirthInteger":2147483648}""", options));

        Assert.Equal("1974-13-01", ValueAt(patient, "birthDate"));
        Assert.Equal("2147483648", ValueAt(patient, "multipleBirth"));
    }

    [Theory]
    [InlineData("<div>no namespace</div>")]
    [InlineData("<p xmlns=\\\"http://www.w3.org/1999/xhtml\\\">not a div</p>")]
    [InlineData(Div + "<b>unclosed</div>")]
    [InlineData(Div + "a & b</div>")]
    [InlineData(Div + "ok</div><div>two roots</div>")]
    [InlineData("plain text")]
    [InlineData("")]
    [InlineData("<!DOCTYPE div [<!ENTITY e \\\"x\\\">]>" + Div + "&e;</div>")]
    public void Narrative_that_is_not_a_well_formed_XHTML_div_is_reported_and_the_status_kept(string div)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","text":{"status":"generated","div":"{{{div}}}"},"gender":"male"}"""),
            Error(Codes.InvalidXhtml, "Patient.text.div"));

        Assert.Equal("generated", ValueAt(patient, "text.status"));
        Assert.Null(At(patient, "text.div"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void Well_formed_narrative_is_kept_exactly()
    {
        const string div = Div + "<p>A &amp; B <b>bold</b></p></div>";
        var patient = AssertClean(R4($$$"""{"resourceType":"Patient","text":{"status":"generated","div":"{{{div}}}"}}"""));

        Assert.Equal(div.Replace("\\\"", "\"", StringComparison.Ordinal), ValueAt(patient, "text.div"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void Narrative_checks_can_be_turned_off()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","text":{"status":"generated","div":"<div>loose"}}""", new FhirReaderOptions { ValidateXhtml = false }));

        Assert.Equal("<div>loose", ValueAt(patient, "text.div"));
    }
}
