using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>FHIR JSON is UTF-8 (RFC 8259 section 8.1); a byte order mark is tolerated, invalid bytes are reported where they are.</summary>
public sealed class EncodingTests
{
    private const string Patient = """{"resourceType":"Patient","name":[{"family":"Chalmers","given":["Peter"]}],"gender":"male"}""";

    [Fact]
    public void A_byte_order_mark_is_tolerated()
    {
        var patient = AssertClean(R4([0xEF, 0xBB, 0xBF, .. Utf8(Patient)]));

        Assert.Equal("Chalmers", ValueAt(patient, "name.family"));
    }

    [Fact]
    public void A_byte_order_mark_in_a_string_is_tolerated_too()
    {
        Assert.Equal("Chalmers", ValueAt(AssertClean(R4("\uFEFF" + Patient)), "name.family"));
    }

    [Fact]
    public void A_second_byte_order_mark_is_not_JSON()
    {
        AssertFatal(R4([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8(Patient)]), Codes.JsonSyntax);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x80 })]
    public void Invalid_UTF8_in_a_value_is_reported_at_the_value_and_the_rest_is_read(byte[] bad)
    {
        var patient = AssertErrors(R4(Splice(Patient, "Chalmers", bad)), Error(Codes.InvalidUtf8, "Patient.name[0].family"));

        Assert.Equal("Peter", ValueAt(patient, "name.given"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Invalid_UTF8_in_a_property_name_is_reported_at_the_object_and_the_property_left_out(byte[] bad)
    {
        var patient = AssertErrors(R4(Splice(Patient, "family", bad)), Error(Codes.InvalidUtf8, "Patient.name[0]"));

        Assert.Null(At(patient, "name.family"));
        Assert.Equal("Peter", ValueAt(patient, "name.given"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void Invalid_UTF8_in_the_resourceType_is_fatal()
    {
        AssertIssues(R4(Splice(Patient, "Patient", [0xFF])), Fatal(Codes.InvalidUtf8, "resourceType"));
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00x")]
    [InlineData("\\ud800\\ud800")]
    public void An_escaped_lone_surrogate_is_reported_like_invalid_UTF8(string escape)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","name":[{"family":"a{{{escape}}}b","given":["Peter"]}]}"""),
            Error(Codes.InvalidUtf8, "Patient.name[0].family"));

        Assert.Equal("Peter", ValueAt(patient, "name.given"));
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0001")]
    [InlineData("\\u000b")]
    [InlineData("\\u001f")]
    [InlineData("\\ufffe")]
    [InlineData("\\uffff")]
    [InlineData("\uffff")]
    public void A_character_XML_cannot_carry_is_refused_at_its_value_in_what_a_server_takes_in(string character)
    {
        var json = $$$"""{"resourceType":"Patient","name":[{"family":"a{{{character}}}b","given":["Peter"]}]}""";

        var patient = AssertErrors(R4(json, FhirReaderOptions.Inbound), Error(Codes.InvalidCharacter, "Patient.name[0].family"));

        Assert.Equal("Peter", ValueAt(patient, "name.given"));

        // By default (data stored before, files) the value is read as it is.
        Assert.Equal(3, ValueAt(AssertClean(R4(json)), "name.family")!.Length);
    }

    [Fact]
    public void Tab_line_feed_and_carriage_return_are_kept()
    {
        Assert.Equal("a\tb\nc\rd", ValueAt(AssertClean(R4("""{"resourceType":"Patient","name":[{"family":"a\tb\nc\rd"}]}""", FhirReaderOptions.Inbound)), "name.family"));
    }

    [Fact]
    public void Non_ASCII_text_and_escapes_are_decoded_exactly()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","name":[{"family":"Zoë 日本 😀","given":["\u00c9lodie","tab\there","q\"uote","back\\slash","\u0041\u00e9"]}]}"""));

        Assert.Equal("Zoë 日本 😀", ValueAt(patient, "name.family"));
        Assert.Equal("Élodie", ValueAt(patient, "name.given[0]"));
        Assert.Equal("tab\there", ValueAt(patient, "name.given[1]"));
        Assert.Equal("q\"uote", ValueAt(patient, "name.given[2]"));
        Assert.Equal("back\\slash", ValueAt(patient, "name.given[3]"));
        Assert.Equal("Aé", ValueAt(patient, "name.given[4]"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void Escaped_property_names_are_decoded()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","g\u0065nder":"male","\u005fbirthDate":{"id":"b"}}"""));

        Assert.Equal("male", ValueAt(patient, "gender"));
        Assert.Equal("b", ValueAt(patient, "birthDate.id"));
    }

    [Theory]
    [InlineData("\"family\":\"a\u0001b\"")]
    [InlineData("\"family\":\"a\\xb\"")]
    [InlineData("\"family\":\"a\\u12\"")]
    [InlineData("\"family\":\"a\nb\"")]
    public void Raw_control_characters_and_bad_escapes_are_not_JSON(string member)
    {
        AssertFatal(R4($$$"""{"resourceType":"Patient","name":[{{{{member}}}}]}"""), Codes.JsonSyntax);
    }

    /// <summary>Replaces the first occurrence of <paramref name="text"/> (ASCII) with <paramref name="replacement"/> bytes.</summary>
    private static byte[] Splice(string json, string text, byte[] replacement)
    {
        var bytes = Utf8(json);
        var at = json.IndexOf(text, StringComparison.Ordinal);
        return [.. bytes[..(at + 1)], .. replacement, .. bytes[(at + 1)..]];
    }
}
