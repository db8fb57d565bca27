using System.Text.Unicode;
using System.Xml;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Reads FHIR XML (https://hl7.org/fhir/R4/xml.html) into an <see cref="ElementNode"/> tree, driven by the
/// release's definitions. Like the JSON reader it reports every problem with a stable code and a FHIRPath
/// location (plus line and column), never throws on bad input, refuses DTDs (no entity expansion, no external
/// resources) and enforces the limits in <see cref="FhirReaderOptions"/>. Narrative XHTML is kept exactly as
/// written in the document.
/// </summary>
public static class FhirXmlReader
{
    /// <summary>The FHIR XML namespace.</summary>
    public const string Namespace = "http://hl7.org/fhir";

    /// <summary>Reads a resource from UTF-8 XML, without copying the bytes.</summary>
    public static ParseResult Parse(byte[] utf8Xml, FhirModel? model = null, FhirReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Xml);
        return Parse(new ArraySegment<byte>(utf8Xml), model, options);
    }

    /// <summary>Reads a resource from UTF-8 XML.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8Xml, FhirModel? model = null, FhirReaderOptions? options = null) =>
        Parse(new ArraySegment<byte>(utf8Xml.ToArray()), model, options);

    /// <summary>Reads a resource from an XML string.</summary>
    public static ParseResult Parse(string xml, FhirModel? model = null, FhirReaderOptions? options = null) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(xml), model, options);

    /// <summary>Reads a resource from a stream, stopping at the size limit without reading further.</summary>
    public static async Task<ParseResult> ParseAsync(Stream stream, FhirModel? model = null, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FhirReaderOptions.Default;
        var bytes = await StreamInput.ReadLimitedAsync(stream, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return new ParseResult(null, [FhirJsonReader.TooLarge(options)]);
        }

        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes.Value, out var segment)
            ? Parse(segment, model, options)
            : Parse(bytes.Value.Span, model, options);
    }

    private static ParseResult Parse(ArraySegment<byte> utf8Xml, FhirModel? model, FhirReaderOptions? options)
    {
        options ??= FhirReaderOptions.Default;
        if (utf8Xml.Count > options.MaxDocumentBytes)
        {
            return new ParseResult(null, [FhirJsonReader.TooLarge(options)]);
        }

        // FHIR XML is UTF-8 (https://hl7.org/fhir/R4/xml.html); checking up front lets narrative be sliced from the bytes.
        if (!Utf8.IsValid(utf8Xml))
        {
            return new ParseResult(null, [new ParseIssue(IssueSeverity.Fatal, ParseIssueCodes.InvalidUtf8, string.Empty, "The document is not valid UTF-8.")]);
        }

        return new XmlSession(model ?? FhirModel.R4, options, utf8Xml).ParseDocument();
    }
}
