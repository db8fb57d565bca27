using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>
/// The methods a path really supports, for a 405's Allow header (RFC 9110 section 10.2.1). Routing decides 405 before
/// it checks route constraints, so its own list names the methods of <c>/Patient/{id}</c> for <c>/Patient/_history</c>,
/// which the id constraint refuses; this list checks the constraints as matching would, and literals exactly.
/// </summary>
internal sealed class AllowedMethods(EndpointDataSource endpoints)
{
    private readonly Lazy<List<(TemplateMatcher Matcher, RoutePattern Pattern, IReadOnlyList<string> Methods)>> _routes = new(() =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is { Count: > 0 })
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.Endpoint.RoutePattern), new RouteValueDictionary()), e.Endpoint.RoutePattern, e.Methods!))
            .ToList());

    /// <summary>The methods of the routes matching <paramref name="path"/>; empty when none matches.</summary>
    public IReadOnlyList<string> For(PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (matcher, pattern, routeMethods) in _routes.Value)
        {
            var values = new RouteValueDictionary();
            if (matcher.TryMatch(path, values) && IdsAllowed(pattern, values) && RouteLiterals.FirstMismatch(pattern, path.Value) is null)
            {
                methods.UnionWith(routeMethods);
            }
        }

        return [.. methods];
    }

    private static bool IdsAllowed(RoutePattern pattern, RouteValueDictionary values) =>
        pattern.ParameterPolicies.All(p =>
            !p.Value.Any(r => r.Content == FhirRouteConstraints.Id) || FhirRouteConstraints.IsIdSegment(values[p.Key] as string));
}
