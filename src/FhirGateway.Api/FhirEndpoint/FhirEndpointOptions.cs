namespace FhirGateway.Api.FhirEndpoint;

/// <summary>Settings of the FHIR API (configuration section <c>Fhir</c>).</summary>
internal sealed class FhirEndpointOptions
{
    public const string Section = "Fhir";

    /// <summary>
    /// The absolute base URL clients use to reach the FHIR API (for example behind a reverse proxy:
    /// <c>https://gateway.example.org/fhir</c>). When empty, it is taken from each request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
