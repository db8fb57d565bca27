using FhirGateway.Api.Formats;

namespace FhirGateway.Api.Bundles;

/// <summary>Writes a <see cref="ResponseBundle"/> as the response, in the negotiated format.</summary>
internal static class ResponseBundles
{
    public static async Task WriteAsync(HttpContext context, ResponseBundle bundle, int statusCode = StatusCodes.Status200OK)
    {
        var format = ResponseFormat.Of(context);
        var body = format.Format == FhirFormat.Xml ? ResponseBundleXml.Serialize(bundle, format.Pretty) : ResponseBundleJson.Serialize(bundle, format.Pretty);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirSerializers.ContentType(format.Format);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
