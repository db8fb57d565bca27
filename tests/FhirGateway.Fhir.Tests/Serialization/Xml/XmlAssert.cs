using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Tests.Serialization.Xml;

/// <summary>Helpers for XML reader tests: wrap content in a resource and find issues.</summary>
internal static class XmlAssert
{
    public const string Ns = "http://hl7.org/fhir";

    public static ParseResult Read(string xml, FhirReaderOptions? options = null, FhirModel? model = null) =>
        FhirXmlReader.Parse(xml, model, options);

    public static ParseResult ReadPatient(string content) =>
        Read($"<Patient xmlns=\"{Ns}\">{content}</Patient>");

    public static ParseIssue Single(ParseResult result, string code)
    {
        var matches = result.Issues.Where(i => i.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code} issue, found: {string.Join("; ", result.Issues)}");
        return matches[0];
    }
}
