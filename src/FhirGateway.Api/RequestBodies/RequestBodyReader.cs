using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FhirGateway.Api.RequestBodies;

/// <summary>
/// Reads request bodies: FHIR resources in JSON or XML (415 for any other Content-Type,
/// https://hl7.org/fhir/R4/http.html#mime-type), and JSON Patch documents. The size limit is enforced while the body is
/// read (413), never after holding more than the limit.
/// </summary>
internal sealed class RequestBodyReader
{
    /// <summary>The media type of a JSON Patch document (RFC 6902 section 6).</summary>
    public const string JsonPatchMediaType = "application/json-patch+json";

    private readonly long _limit;
    private readonly FhirReaderOptions _readerOptions;

    public RequestBodyReader(IOptions<FhirEndpointOptions> options)
    {
        _limit = options.Value.MaxRequestBodyBytes;
        _readerOptions = FhirReaderOptions.Inbound with { MaxDocumentBytes = _limit };
    }

    /// <summary>Reads the body as one resource; answers 400 with every issue the reader found when it is not a valid one.</summary>
    public async Task<ElementNode> ReadResourceAsync(HttpContext context) => Check(await ParseAsync(context));

    /// <summary>Reads the body as one resource and returns what the reader found, issues and all (413 and 415 still refuse).</summary>
    public async Task<ParseResult> ParseAsync(HttpContext context)
    {
        var request = context.Request;
        var format = BodyFormat(request);
        PrepareLimit(context);
        var cancel = context.RequestAborted;
        ParseResult result;
        var stream = ContentEncodings.Decoded(context.Request);
        try
        {
            result = format == FhirFormat.Xml
                ? await FhirXmlReader.ParseAsync(stream, options: _readerOptions, cancellationToken: cancel)
                : await FhirJsonReader.ParseAsync(stream, options: _readerOptions, cancellationToken: cancel);
        }
        catch (Exception e) when (ContentEncodings.IsDecodingFailure(e, request))
        {
            throw ContentEncodings.Undecodable();
        }
        finally
        {
            await ContentEncodings.ReleaseAsync(context.Request, stream);
        }

        return result.Issues.Any(i => i.Code == ParseIssueCodes.TooLarge) ? throw TooLarge() : result;
    }

    /// <summary>Reads a JSON Patch document's bytes (https://hl7.org/fhir/R4/http.html#patch).</summary>
    public async Task<ReadOnlyMemory<byte>> ReadJsonPatchAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !string.Equals(mediaType.MediaType.Value, JsonPatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw FhirException.Status(
                StatusCodes.Status415UnsupportedMediaType,
                $"A patch must be a JSON Patch document ({JsonPatchMediaType}); FHIRPath Patch and XML Patch are not supported.");
        }

        return await ReadBytesAsync(context);
    }

    /// <summary>Reads the whole body, decoded, up to the limit (413 past it): for bodies that are not resources.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpContext context)
    {
        var request = context.Request;
        PrepareLimit(context);
        var body = ContentEncodings.Decoded(request);
        try
        {
            return await LimitedStream.ReadAsync(body, _limit, context.RequestAborted) ?? throw TooLarge();
        }
        catch (Exception e) when (ContentEncodings.IsDecodingFailure(e, request))
        {
            throw ContentEncodings.Undecodable();
        }
        finally
        {
            await ContentEncodings.ReleaseAsync(request, body);
        }
    }

    /// <summary>Checks a read: 413 when the limit stopped it, 400 with the reader's issues when it found errors.</summary>
    public ElementNode Check(ParseResult result)
    {
        if (result.Issues.Any(i => i.Code == ParseIssueCodes.TooLarge))
        {
            throw TooLarge();
        }

        if (!result.Success)
        {
            var outcome = OperationOutcomeFactory.FromIssues(result.Issues.Where(i => i.IsError), "Request body: ");
            throw new FhirException(StatusCodes.Status400BadRequest, IssueTypes.ForStatus(StatusCodes.Status400BadRequest), "The request body is not a valid FHIR resource.", outcome);
        }

        return result.Resource!;
    }

    private static FhirFormat BodyFormat(HttpRequest request)
    {
        if (request.ContentType is null)
        {
            throw FhirException.Status(StatusCodes.Status415UnsupportedMediaType, "The request has no Content-Type: send application/fhir+json or application/fhir+xml.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || FormatNegotiation.BodyFormat(mediaType) is not { } format)
        {
            throw FhirException.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "The Content-Type is not one this server reads: send application/fhir+json or application/fhir+xml (FHIR R4).");
        }

        return format;
    }

    private void PrepareLimit(HttpContext context)
    {
        // A compressed body's length says nothing of the resource's own size, which the reader limits as it decodes.
        if (context.Request.ContentLength > _limit && ContentEncodings.IsIdentity(context.Request))
        {
            throw TooLarge();
        }

        // Let the server read up to our limit when its own is lower (Kestrel's default is 30 MB); our reader stops at
        // our limit itself. A lower server limit is kept, so the server may drain what we leave unread and answer.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } server } feature && server <= _limit)
        {
            feature.MaxRequestBodySize = _limit + 1;
        }
    }

    private FhirException TooLarge() =>
        FhirException.Status(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than this server accepts ({_limit} bytes).");
}
