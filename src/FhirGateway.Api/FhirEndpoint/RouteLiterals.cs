using Microsoft.AspNetCore.Routing.Patterns;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>
/// Routing matches literal segments ignoring case, but FHIR names are case-sensitive (resource types, <c>_history</c>,
/// <c>$validate</c>; https://hl7.org/fhir/R4/http.html#general): the literal segments of a route pattern compared
/// with a path exactly.
/// </summary>
internal static class RouteLiterals
{
    /// <summary>The first literal of <paramref name="pattern"/> that <paramref name="path"/> spells otherwise, or null.</summary>
    public static (string Actual, string Literal)? FirstMismatch(RoutePattern pattern, string? path)
    {
        var rest = path.AsSpan().TrimStart('/');
        foreach (var segment in pattern.PathSegments)
        {
            var end = rest.IndexOf('/');
            var actual = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (segment.Parts is [RoutePatternLiteralPart { Content: var literal }] && !actual.SequenceEqual(literal))
            {
                return (actual.ToString(), literal);
            }
        }

        return null;
    }
}
