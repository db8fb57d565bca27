namespace FhirGateway.Api.Formats;

/// <summary>The representation chosen for a request's response, kept as a request feature.</summary>
/// <param name="Format">The format.</param>
/// <param name="Pretty">Whether the client asked for indented output (<c>_pretty=true</c>).</param>
internal sealed record ResponseFormat(FhirFormat Format, bool Pretty)
{
    public static ResponseFormat Default { get; } = new(FhirFormat.Json, false);

    /// <summary>The format chosen for <paramref name="context"/>, or JSON when none was negotiated (error responses).</summary>
    public static ResponseFormat Of(HttpContext context) => context.Features.Get<ResponseFormat>() ?? Default;
}
