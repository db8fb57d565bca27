namespace FhirGateway.Api.FhirEndpoint;

/// <summary>Settings of the FHIR API (configuration section <c>Fhir</c>).</summary>
internal sealed class FhirEndpointOptions
{
    public const string Section = "Fhir";

    /// <summary>The largest <see cref="MaxRequestBodyBytes"/> accepted: 1 GiB.</summary>
    public const long MaxRequestBodyBytesLimit = 1L << 30;

    /// <summary>The largest <see cref="MaxBundleEntries"/> accepted.</summary>
    public const int MaxBundleEntriesLimit = 100_000;

    /// <summary>
    /// The absolute base URL clients use to reach the FHIR API (for example behind a reverse proxy:
    /// <c>https://gateway.example.org/fhir</c>). When empty, it is taken from each request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The largest request body accepted, in bytes (413 beyond it, found while the body is read). Default 16 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The most entries a batch or transaction Bundle may have (413 beyond it). Default 1000.</summary>
    public int MaxBundleEntries { get; set; } = 1000;

    /// <summary>The page size of history when the request has no <c>_count</c>. Default 50; at most 1000.</summary>
    public int DefaultPageSize { get; set; } = 50;
}
