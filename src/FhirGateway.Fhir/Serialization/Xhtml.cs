using System.Xml;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Checks that narrative is a well-formed XHTML <c>div</c>, so that it can always be written into XML
/// unchanged. The content rules of https://hl7.org/fhir/R4/narrative.html#xhtml are the validator's.
/// </summary>
internal static class Xhtml
{
    public const string Namespace = "http://www.w3.org/1999/xhtml";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        ConformanceLevel = ConformanceLevel.Document,
        IgnoreComments = false,
        CloseInput = true,
    };

    /// <summary>Returns null when <paramref name="xhtml"/> is a well-formed div in the XHTML namespace, else the reason.</summary>
    public static string? Check(string xhtml)
    {
        // Most narrative is simple markup: recognising it without an XmlReader avoids several kilobytes of reader
        // state per div. Anything the scan is unsure of gets the full check, which also words the problem.
        return XhtmlScanner.IsSurelyWellFormed(xhtml) ? null : CheckWithReader(xhtml);
    }

    /// <summary>The full check with an XmlReader, for what the scan is unsure of.</summary>
    internal static string? CheckWithReader(string xhtml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xhtml), Settings);
            reader.MoveToContent();
            if (reader.LocalName != "div" || reader.NamespaceURI != Namespace)
            {
                return $"Narrative must be a <div> in the XHTML namespace ({Namespace}), not <{reader.Name}>.";
            }

            while (reader.Read())
            {
            }

            return null;
        }
        catch (XmlException e)
        {
            return "Narrative is not well-formed XHTML: " + e.Message;
        }
    }
}
