using FhirGateway.Api.Formats;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
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
            fhir.MapMethods("/" + name + suffix, Methods(method), context => Negotiated(context, c => handler(c, name)))
                .WithMetadata(interaction)
                .WithDisplayName($"{method} {name}{suffix}");
        }
    }

    /// <summary>Maps <paramref name="handler"/> at one path, serving one or more interactions.</summary>
    public static void MapFhir(this IEndpointRouteBuilder fhir, string method, string pattern, FhirInteraction[] interactions, RequestDelegate handler) =>
        fhir.MapMethods(pattern, Methods(method), context => Negotiated(context, handler))
            .WithMetadata([.. interactions])
            .WithDisplayName($"{method} {pattern}");

    /// <summary>
    /// The methods a route takes: a GET route takes HEAD too, which general-purpose servers MUST support (RFC 9110
    /// section 9.1); it runs as the GET does, and the server sends the status and headers without the content
    /// (section 9.3.2).
    /// </summary>
    public static string[] Methods(string method) => method == HttpMethods.Get ? [HttpMethods.Get, HttpMethods.Head] : [method];

    /// <summary>A route value the pattern guarantees.</summary>
    public static string Route(this HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static Task Negotiated(HttpContext context, RequestDelegate handler)
    {
        RequireExactLiterals(context);

        FormatNegotiation.VaryByAccept(context.Response);
        context.Features.Set(FormatNegotiation.Negotiate(context.Request));
        return handler(context);
    }

    /// <summary>
    /// <c>/fhir/patient/1</c> names no resource type, so it is 404 like any other unknown type, not a read of
    /// <c>Patient/1</c> (<see cref="RouteLiterals"/>).
    /// </summary>
    public static void RequireExactLiterals(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern } &&
            RouteLiterals.FirstMismatch(pattern, context.Request.Path.Value) is var (actual, literal))
        {
            throw FhirException.Status(StatusCodes.Status404NotFound, $"'{actual}' is not '{literal}': FHIR names in URLs are case-sensitive.");
        }
    }
}
