using System.Globalization;
using FhirGateway.Api.Outcomes;
using Microsoft.Net.Http.Headers;

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
    /// Parses an If-Match precondition: <c>*</c> (any current version) or one version, weak or strong (<c>W/"3"</c>,
    /// <c>"3"</c>); a value that names no version of ours is refused with 400, naming <paramref name="header"/>.
    /// </summary>
    public static VersionMatch Parse(string value, string header)
    {
        var text = value.Trim();
        if (text == "*")
        {
            return VersionMatch.Any;
        }

        return TryParseVersion(text, out var version)
            ? VersionMatch.Version(version)
            : throw FhirException.Status(
                StatusCodes.Status400BadRequest,
                $"{header} must be * or a version ETag such as W/\"3\" (https://hl7.org/fhir/R4/http.html#concurrency).");
    }

    /// <summary>
    /// Parses an If-None-Match precondition: <c>*</c>, or a list of entity tags (RFC 9110 section 13.1.2), compared
    /// weakly (section 8.8.3.2). Tags that are not versions of this server cannot match and are dropped; a value that
    /// is not a list of entity tags at all is refused with 400.
    /// </summary>
    public static VersionMatch ParseList(string value, string header)
    {
        if (!EntityTagHeaderValue.TryParseList([value], out var tags))
        {
            throw FhirException.Status(
                StatusCodes.Status400BadRequest,
                $"{header} must be * or a list of entity tags such as W/\"3\" (https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2).");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return VersionMatch.Any;
        }

        var versions = new List<long>();
        foreach (var tag in tags)
        {
            if (TryParseVersion(tag.Tag.Value ?? string.Empty, out var version))
            {
                versions.Add(version);
            }
        }

        return VersionMatch.Versions([.. versions]);
    }

    private static bool TryParseVersion(string text, out long version)
    {
        version = 0;
        var quoted = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        return quoted.Length >= 3 && quoted[0] == '"' && quoted[^1] == '"' &&
            long.TryParse(quoted.AsSpan(1, quoted.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
    }
}
