using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace FhirGateway.Api.Compression;

/// <summary>
/// Compressed responses (gzip, or Brotli when the client prefers it) for the FHIR media types, when the client sends
/// Accept-Encoding. Over HTTPS compression stays off (ASP.NET Core's default): a response mixing secrets with text an
/// attacker chose can leak them through its compressed size (BREACH); TLS usually ends at a proxy in front of the gateway.
/// </summary>
internal static class CompressionExtensions
{
    private static readonly string[] MediaTypes = ["application/fhir+json", "application/fhir+xml", "application/json", "application/xml"];

    public static IServiceCollection AddFhirCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.MimeTypes = MediaTypes;
            options.Providers.Add<GzipCompressionProvider>();
            options.Providers.Add<BrotliCompressionProvider>();
        });
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseFhirCompression(this IApplicationBuilder app) => app.UseResponseCompression();
}
