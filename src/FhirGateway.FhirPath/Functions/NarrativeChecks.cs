using System.Collections.Frozen;
using System.Xml;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// The XHTML rules htmlChecks() tests (https://hl7.org/fhir/R4/narrative.html#xhtml): a well-formed XHTML
/// <c>div</c> with only the basic formatting elements (no head, body, scripts, forms, styles, frames, objects or
/// deprecated elements), no event attributes and no script URLs.
/// </summary>
internal static class NarrativeChecks
{
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private static readonly FrozenSet<string> AllowedElements = new[]
    {
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "em", "i", "strong", "small", "big", "tt",
        "dfn", "q", "var", "abbr", "acronym", "cite", "blockquote", "hr", "address", "bdo", "kbd", "sub", "sup", "ul",
        "ol", "li", "dl", "dt", "dd", "pre", "table", "caption", "colgroup", "col", "thead", "tr", "tfoot", "tbody", "th",
        "td", "code", "samp", "img", "map", "area",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsValid(string xhtml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            ConformanceLevel = ConformanceLevel.Document,
        };

        try
        {
            using var reader = XmlReader.Create(new StringReader(xhtml), settings);
            var root = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.NamespaceURI != XhtmlNamespace || (root && reader.LocalName != "div") || !AllowedElements.Contains(reader.LocalName))
                {
                    return false;
                }

                root = false;
                if (!AttributesAllowed(reader))
                {
                    return false;
                }
            }

            return !root;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static bool AttributesAllowed(XmlReader reader)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return true;
        }

        do
        {
            var name = reader.LocalName;
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) ||
                reader.NamespaceURI == "http://www.w3.org/1999/xlink" ||
                reader.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return true;
    }
}
