using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Formats;

/// <summary>A FHIR resource response, written in the negotiated format.</summary>
internal sealed class FhirResourceResult(ElementNode resource, int statusCode = StatusCodes.Status200OK) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, resource, statusCode);

    /// <summary>Writes <paramref name="resource"/> as the response.</summary>
    public static async Task WriteAsync(HttpContext httpContext, ElementNode resource, int statusCode)
    {
        var format = ResponseFormat.Of(httpContext);
        var body = FhirSerializers.Serialize(resource, format.Format, format.Pretty);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirSerializers.ContentType(format.Format);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
