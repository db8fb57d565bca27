using System.Globalization;
using FhirGateway.Api.Outcomes;

namespace FhirGateway.Api.Headers;

/// <summary>
/// Version ETags (https://hl7.org/fhir/R4/http.html#versioning): the weak ETag <c>W/"versionId"</c>. Clients send
/// them back in If-Match and If-None-Match, and Bundle entries carry them in request.ifMatch and response.etag.
/// </summary>
internal static class ETags
{
    /// <summary>The ETag of a version: <c>W/"3"</c>.</summary>
    public static string Of(long versionId) => "W/\"" + versionId.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Parses an ETag precondition: <c>*</c> (any current version) or one version, weak or strong (<c>W/"3"</c>,
    /// <c>"3"</c>); a value that names no version of ours is refused with 400, naming <paramref name="header"/>.
    /// </summary>
    public static VersionMatch Parse(string value, string header)
    {
        var text = value.Trim();
        if (text == "*")
        {
            return VersionMatch.Any;
        }

        var quoted = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        if (quoted.Length >= 3 && quoted[0] == '"' && quoted[^1] == '"' &&
            long.TryParse(quoted.AsSpan(1, quoted.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return VersionMatch.Version(version);
        }

        throw FhirException.Status(
            StatusCodes.Status400BadRequest,
            $"{header} must be * or a version ETag such as W/\"3\" (https://hl7.org/fhir/R4/http.html#concurrency).");
    }
}
