using FhirGateway.Api.Formats;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Net.Http.Headers;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>
/// Maps FHIR interactions. Type and instance interactions get one route per R4 resource type, with the type as a
/// literal segment (<c>/Patient/{id}</c>): routing then knows every valid path, so a path naming no resource type is
/// 404 and a method a path does not support is 405 with the right Allow header, and no route parameter binding runs
/// per request. Each route negotiates the response format first (406 before any work).
/// </summary>
internal static class FhirRouteMapping
{
    /// <summary>A handler of a type or instance interaction: the request and the resource type its path names.</summary>
    public delegate Task TypeHandler(HttpContext context, string resourceType);

    /// <summary>Maps <paramref name="handler"/> at <c>/{type}{suffix}</c> for every R4 resource type.</summary>
    public static void MapForEveryType(this IEndpointRouteBuilder fhir, string method, string suffix, FhirInteraction interaction, TypeHandler handler)
    {
        foreach (var type in FhirModel.R4.ResourceTypes)
        {
            var name = type.Name;
            fhir.MapMethods("/" + name + suffix, [method], context => Negotiated(context, c => handler(c, name)))
                .WithMetadata(interaction)
                .WithDisplayName($"{method} {name}{suffix}");
        }
    }

    /// <summary>Maps <paramref name="handler"/> at one path, serving one or more interactions.</summary>
    public static void MapFhir(this IEndpointRouteBuilder fhir, string method, string pattern, FhirInteraction[] interactions, RequestDelegate handler) =>
        fhir.MapMethods(pattern, [method], context => Negotiated(context, handler))
            .WithMetadata([.. interactions])
            .WithDisplayName($"{method} {pattern}");

    /// <summary>A route value the pattern guarantees.</summary>
    public static string Route(this HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static Task Negotiated(HttpContext context, RequestDelegate handler)
    {
        RequireExactLiterals(context);

        // The format follows Accept (unless _format names one), so caches must key on it (RFC 9110 section 12.5.5).
        context.Response.Headers.Vary = HeaderNames.Accept;
        context.Features.Set(FormatNegotiation.Negotiate(context.Request));
        return handler(context);
    }

    /// <summary>
    /// Routing matches literal segments ignoring case, but FHIR names are case-sensitive (resource types, <c>_history</c>,
    /// <c>$validate</c>; https://hl7.org/fhir/R4/http.html#general): <c>/fhir/patient/1</c> names no resource type, so it
    /// is 404 like any other unknown type, not a read of <c>Patient/1</c>.
    /// </summary>
    private static void RequireExactLiterals(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern })
        {
            return;
        }

        var path = context.Request.Path.Value.AsSpan().TrimStart('/');
        foreach (var segment in pattern.PathSegments)
        {
            var end = path.IndexOf('/');
            var actual = end < 0 ? path : path[..end];
            path = end < 0 ? [] : path[(end + 1)..];
            if (segment.Parts is [RoutePatternLiteralPart { Content: var literal }] && !actual.SequenceEqual(literal))
            {
                throw FhirException.Status(StatusCodes.Status404NotFound, $"'{actual}' is not '{literal}': FHIR names in URLs are case-sensitive.");
            }
        }
    }
}
