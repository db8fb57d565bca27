namespace FhirGateway.Api.Formats;

/// <summary>The representation chosen for a request's response, kept as a request feature.</summary>
/// <param name="Format">The format.</param>
/// <param name="Pretty">Whether the client asked for indented output (<c>_pretty=true</c>).</param>
internal sealed record ResponseFormat(FhirFormat Format, bool Pretty)
{
    private static readonly ResponseFormat[] Shared =
        [new(FhirFormat.Json, false), new(FhirFormat.Json, true), new(FhirFormat.Xml, false), new(FhirFormat.Xml, true)];

    /// <summary>The one shared instance of a format and style (requests choose among four, so none is allocated per request).</summary>
    public static ResponseFormat For(FhirFormat format, bool pretty) => Shared[((int)format * 2) + (pretty ? 1 : 0)];

    /// <summary>
    /// The format chosen for <paramref name="context"/>. Where no endpoint negotiated one (errors before or without a
    /// route), it is negotiated now, falling back to JSON when the client asked for nothing the server writes.
    /// </summary>
    public static ResponseFormat Of(HttpContext context)
    {
        if (context.Features.Get<ResponseFormat>() is { } chosen)
        {
            return chosen;
        }

        FormatNegotiation.TryNegotiate(context.Request, out var format, out _);
        return format;
    }
}
