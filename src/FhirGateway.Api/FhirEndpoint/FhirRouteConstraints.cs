namespace FhirGateway.Api.FhirEndpoint;

/// <summary>
/// The route constraint <c>{id:fhirId}</c>: it keeps literal segments such as <c>_history</c> and <c>$validate</c> out
/// of the id position (no FHIR id starts with '_' or '$', https://hl7.org/fhir/R4/datatypes.html#id); other malformed
/// ids reach the interaction, which says what is wrong with them.
/// </summary>
internal static class FhirRouteConstraints
{
    public const string Id = "fhirId";

    public static void AddTo(RouteOptions options) => options.SetParameterPolicy<IdConstraint>(Id);

    /// <summary>Whether a path segment can stand where the routes take an id (Bundle entries follow the same rule).</summary>
    public static bool IsIdSegment(string? segment) => segment is { Length: > 0 } && segment[0] is not ('_' or '$');

    private sealed class IdConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && IsIdSegment(value as string);
    }
}
