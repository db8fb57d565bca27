namespace FhirGateway.Api.FhirEndpoint;

/// <summary>Where the FHIR API lives.</summary>
internal static class FhirRoutes
{
    /// <summary>The FHIR base path ([base] in https://hl7.org/fhir/R4/http.html).</summary>
    public const string BasePath = "/fhir";

    public static bool IsFhirRequest(HttpRequest request) => request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase);
}
