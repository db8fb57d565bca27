using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Xml.XmlAssert;

namespace FhirGateway.Fhir.Tests.Serialization.Xml;

/// <summary>Narrative is kept intact and values survive the trip between JSON and XML.</summary>
public sealed class XmlNarrativeAndValueTests
{
    [Fact]
    public void Narrative_is_kept_exactly_as_written()
    {
        const string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">\r\n  <p class='x'>Tom &amp; Jerry &#39;&#160;<br/></p>\r\n</div>";

        var result = ReadPatient($"<text><status value=\"generated\"/>{div}</text>");

        Assert.True(result.Success, string.Join("; ", result.Issues));
        Assert.Equal(div, result.Resource!.Child("text")!.Child("div")!.Value);
        Assert.Contains(div, FhirXmlWriter.SerializeToString(result.Resource), StringComparison.Ordinal);
    }

    [Fact]
    public void Narrative_whose_namespace_is_declared_on_an_ancestor_declares_it_itself()
    {
        var result = Read("<f:Patient xmlns:f=\"http://hl7.org/fhir\" xmlns=\"http://www.w3.org/1999/xhtml\"><f:text><f:status value=\"generated\"/><div><b>x</b></div></f:text></f:Patient>");

        Assert.True(result.Success, string.Join("; ", result.Issues));
        Assert.Equal("<div xmlns=\"http://www.w3.org/1999/xhtml\"><b>x</b></div>", result.Resource!.Child("text")!.Child("div")!.Value);
    }

    [Fact]
    public void Narrative_must_be_an_XHTML_div()
    {
        var result = ReadPatient("<text><status value=\"generated\"/><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>unclosed</div></text>");
        var wrongNamespace = ReadPatient("<text><status value=\"generated\"/><div><p>x</p></div></text>");

        Assert.Null(result.Resource);
        Assert.Equal(ParseIssueCodes.XmlSyntax, Assert.Single(result.Issues).Code);
        Assert.Equal("Patient.text.div", Single(wrongNamespace, ParseIssueCodes.UnknownElement).Location);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("cr\r\nlf")]
    [InlineData("quote \" apostrophe ' lt < amp &")]
    [InlineData("emoji \U0001F476 and accents é")]
    public void String_values_survive_JSON_to_XML_to_JSON(string text)
    {
        var json = $$"""{"resourceType":"Patient","name":[{"text":{{System.Text.Json.JsonSerializer.Serialize(text)}}}]}""";
        var fromJson = FhirJsonReader.Parse(json).Resource!;

        var fromXml = FhirXmlReader.Parse(FhirXmlWriter.SerializeToUtf8(fromJson));

        Assert.True(fromXml.Success, string.Join("; ", fromXml.Issues));
        Assert.Equal(text, fromXml.Resource!.Child("name")!.Child("text")!.Value);
    }
}
