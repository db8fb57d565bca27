using System.Text;
using System.Xml;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Writes an <see cref="ElementNode"/> tree as FHIR XML (https://hl7.org/fhir/R4/xml.html): elements in
/// definition order (the tree keeps it), primitives as <c>value</c> attributes, element ids and extension urls
/// as attributes (representation xmlAttr), resources wrapped in their container element, and narrative written
/// as the XHTML it holds.
/// </summary>
public static class FhirXmlWriter
{
    private static readonly XmlWriterSettings Compact = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        OmitXmlDeclaration = false,
        // Line ends in attribute values are written as character references, so they survive attribute normalisation.
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    private static readonly XmlWriterSettings Indented = CreateIndented();

    /// <summary>Settings for an XmlWriter of the given style.</summary>
    public static XmlWriterSettings WriterSettings(bool pretty) => (pretty ? Indented : Compact).Clone();

    /// <summary>Serializes a resource to UTF-8 XML.</summary>
    public static byte[] SerializeToUtf8(ElementNode resource, bool pretty = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, pretty ? Indented : Compact))
        {
            Write(resource, writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Serializes a resource to an XML string.</summary>
    public static string SerializeToString(ElementNode resource, bool pretty = false) =>
        Encoding.UTF8.GetString(SerializeToUtf8(resource, pretty));

    /// <summary>Writes a resource as a complete XML document.</summary>
    public static void Write(ElementNode resource, XmlWriter writer)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(writer);
        if (!resource.IsResource)
        {
            throw new ArgumentException("Only a resource can be written as an XML document.", nameof(resource));
        }

        writer.WriteStartDocument();
        writer.WriteStartElement(resource.Type.Name, FhirXmlReader.Namespace);
        WriteContent(resource, writer);
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteContent(ElementNode node, XmlWriter writer)
    {
        var children = node.Children;
        foreach (var child in children)
        {
            if (child.Definition!.IsXmlAttribute && child.Value is not null)
            {
                writer.WriteAttributeString(child.Definition.Name, child.Value);
            }
        }

        if (node.Value is not null && node.Type.IsPrimitive)
        {
            writer.WriteAttributeString("value", node.Value);
        }

        foreach (var child in children)
        {
            var element = child.Definition!;
            if (element.IsXmlAttribute)
            {
                continue;
            }

            if (element.IsResourceContainer)
            {
                writer.WriteStartElement(element.Name, FhirXmlReader.Namespace);
                writer.WriteStartElement(child.Type.Name, FhirXmlReader.Namespace);
                WriteContent(child, writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            else if (child.Type.IsXhtml)
            {
                if (child.Value is not null)
                {
                    writer.WriteRaw(child.Value);
                }
            }
            else
            {
                writer.WriteStartElement(element.SerializedName(child.Type), FhirXmlReader.Namespace);
                WriteContent(child, writer);
                writer.WriteEndElement();
            }
        }
    }

    private static XmlWriterSettings CreateIndented()
    {
        var settings = Compact.Clone();
        settings.Indent = true;
        settings.IndentChars = "  ";
        return settings;
    }
}
