using System.Text;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Reads FHIR JSON (https://hl7.org/fhir/R4/json.html) into an <see cref="Model.ElementNode"/> tree, driven by the
/// release's definitions. It reports every problem it finds instead of stopping at the first, never throws on
/// bad input, and enforces the limits in <see cref="FhirReaderOptions"/>.
/// </summary>
public static class FhirJsonReader
{
    /// <summary>Reads a resource from UTF-8 JSON.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8Json, FhirModel? model = null, FhirReaderOptions? options = null)
    {
        options ??= FhirReaderOptions.Default;
        model ??= FhirModel.R4;
        if (utf8Json.Length > options.MaxDocumentBytes)
        {
            return new ParseResult(null, [TooLarge(options)]);
        }

        return new JsonSession(model, options).ParseDocument(utf8Json);
    }

    /// <summary>Reads a resource from a JSON string.</summary>
    public static ParseResult Parse(string json, FhirModel? model = null, FhirReaderOptions? options = null) =>
        Parse(Encoding.UTF8.GetBytes(json), model, options);

    /// <summary>Reads a resource from a stream, stopping at the size limit without reading further.</summary>
    public static async Task<ParseResult> ParseAsync(Stream stream, FhirModel? model = null, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FhirReaderOptions.Default;
        var bytes = await StreamInput.ReadLimitedAsync(stream, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return bytes is null ? new ParseResult(null, [TooLarge(options)]) : Parse(bytes.Value.Span, model, options);
    }

    internal static ParseIssue TooLarge(FhirReaderOptions options) =>
        new(IssueSeverity.Fatal, ParseIssueCodes.TooLarge, string.Empty, $"The document is larger than the limit of {options.MaxDocumentBytes} bytes.");
}
