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

    private sealed class IdConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && value is string { Length: > 0 } id && id[0] is not ('_' or '$');
    }
}
