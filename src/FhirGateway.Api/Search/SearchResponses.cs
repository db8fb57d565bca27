using System.Text.Json;
using FhirGateway.Api.Formats;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Search;

namespace FhirGateway.Api.Search;

/// <summary>
/// Writes a searchset Bundle in the negotiated format. Compact JSON is written straight into the response body, the
/// stored resources copied as their bytes (nothing is parsed unless <c>_summary</c> or <c>_elements</c> cuts them);
/// <c>_pretty</c> re-indents that JSON, and XML builds the Bundle as a tree.
/// </summary>
internal static class SearchResponses
{
    private static readonly JsonWriterOptions Compact = FhirJsonWriter.WriterOptions(pretty: false);

    public static async Task WriteAsync(HttpContext context, SearchOutcome outcome, string baseUrl)
    {
        var format = ResponseFormat.Of(context);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = FhirSerializers.ContentType(format.Format);
        if (format is { Format: FhirFormat.Json, Pretty: false })
        {
            using (var writer = new Utf8JsonWriter(response.BodyWriter, Compact))
            {
                outcome.WriteBundleJson(writer, baseUrl);
            }

            await response.BodyWriter.FlushAsync(context.RequestAborted);
            return;
        }

        var body = format.Format == FhirFormat.Json
            ? JsonReformat.Indent(outcome.ToBundleJson(baseUrl))
            : FhirSerializers.Serialize(outcome.ToBundle(baseUrl), format.Format, format.Pretty);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
