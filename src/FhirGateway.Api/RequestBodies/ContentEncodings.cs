using System.IO.Compression;
using FhirGateway.Api.Outcomes;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.RequestBodies;

/// <summary>
/// Compressed request bodies (RFC 9110 section 8.4): gzip, deflate (zlib) and Brotli are read through a decompressing
/// stream, so size limits count the resource's own bytes; any other coding is 415 (section 15.5.16), never read as
/// if it were the resource.
/// </summary>
internal static class ContentEncodings
{
    /// <summary>Whether the body is sent as it is (no Content-Encoding, or identity).</summary>
    public static bool IsIdentity(HttpRequest request) =>
        request.Headers.ContentEncoding is var coding && (coding.Count == 0 || string.Equals(coding.ToString().Trim(), "identity", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, decoded.</summary>
    public static Stream Decoded(HttpRequest request)
    {
        if (IsIdentity(request))
        {
            return request.Body;
        }

        var coding = request.Headers[HeaderNames.ContentEncoding].ToString().Trim();
        return coding.ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw FhirException.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "The request body's Content-Encoding is not one this server reads: send gzip, deflate, br, or none."),
        };
    }

    /// <summary>Disposes a decoding stream (the request's own body stays the server's).</summary>
    public static ValueTask ReleaseAsync(HttpRequest request, Stream decoded) =>
        ReferenceEquals(decoded, request.Body) ? ValueTask.CompletedTask : decoded.DisposeAsync();

    /// <summary>
    /// Whether an exception from reading the body is the decoder's: gzip and deflate throw InvalidDataException,
    /// Brotli InvalidOperationException, for data that is not what the coding says.
    /// </summary>
    public static bool IsDecodingFailure(Exception exception, HttpRequest request) =>
        exception is InvalidDataException || (exception is InvalidOperationException && !IsIdentity(request));

    /// <summary>A body that does not decode: 400.</summary>
    public static FhirException Undecodable() =>
        FhirException.Status(StatusCodes.Status400BadRequest, "The request body does not decode by its Content-Encoding.");
}
