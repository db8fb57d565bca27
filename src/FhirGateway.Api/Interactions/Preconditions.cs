using FhirGateway.Api.Headers;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The conditions a request puts on an interaction (https://hl7.org/fhir/R4/http.html#concurrency, #cread, #ccreate),
/// from HTTP headers or from a Bundle entry's request element.
/// </summary>
internal sealed record Preconditions
{
    public static Preconditions None { get; } = new();

    /// <summary>If-Match: the version the client last saw (update, patch, delete).</summary>
    public VersionMatch? IfMatch { get; init; }

    /// <summary>If-None-Match: a read answers 304 when it matches; an update with <c>*</c> only creates.</summary>
    public VersionMatch? IfNoneMatch { get; init; }

    /// <summary>If-Modified-Since: a read answers 304 when the resource did not change since.</summary>
    public DateTimeOffset? IfModifiedSince { get; init; }

    /// <summary>If-None-Exist: the criteria of a conditional create.</summary>
    public string? IfNoneExist { get; init; }

    public static Preconditions FromHeaders(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers.IfMatch.Count == 0 && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0 && !headers.ContainsKey("If-None-Exist"))
        {
            return None;
        }

        return Parse(headers.IfMatch.ToString(), headers.IfNoneMatch.ToString(), headers.IfModifiedSince.ToString(), headers["If-None-Exist"].ToString());
    }

    /// <summary>Parses the four conditions; empty values are absent.</summary>
    public static Preconditions Parse(string? ifMatch, string? ifNoneMatch, string? ifModifiedSince, string? ifNoneExist) => new()
    {
        IfMatch = string.IsNullOrWhiteSpace(ifMatch) ? null : ETags.Parse(ifMatch, "If-Match"),
        IfNoneMatch = string.IsNullOrWhiteSpace(ifNoneMatch) ? null : ETags.ParseList(ifNoneMatch, "If-None-Match"),
        IfModifiedSince = string.IsNullOrWhiteSpace(ifModifiedSince) ? null : HttpDates.TryParse(ifModifiedSince),
        IfNoneExist = string.IsNullOrWhiteSpace(ifNoneExist) ? null : ifNoneExist.Trim(),
    };
}
