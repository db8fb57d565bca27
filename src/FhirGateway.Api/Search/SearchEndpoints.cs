using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Interactions;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Search;
using FhirGateway.Search.Registry;

namespace FhirGateway.Api.Search;

/// <summary>
/// The search routes (https://hl7.org/fhir/R4/http.html#search): <c>GET [base]/[type]?...</c>, <c>POST
/// [base]/[type]/_search</c>, <c>GET [base]?...</c>, <c>POST [base]/_search</c> and <c>GET
/// [base]/Patient/[id]/[type]?...</c> (and <c>/*</c> for every type in the compartment). Type routes are literal per type like the other interactions; the
/// compartment routes are literal per type in the compartment, so they never compete with <c>_history</c> or
/// <c>$validate</c> for the third segment.
/// </summary>
internal static class SearchEndpoints
{
    /// <summary>The canonical URL of the compartment definition the compartment routes serve.</summary>
    public const string PatientCompartment = "http://hl7.org/fhir/CompartmentDefinition/patient";

    public static IEndpointRouteBuilder MapFhirSearch(this IEndpointRouteBuilder fhir)
    {
        var type = new FhirInteraction("search-type", InteractionLevel.Type);
        var system = new FhirInteraction("search-system", InteractionLevel.System);
        fhir.MapForEveryType("GET", string.Empty, type, (c, t) => SearchRequests.SearchAsync(c, t, null, fromForm: false));
        fhir.MapForEveryType("POST", "/_search", type, (c, t) => SearchRequests.SearchAsync(c, t, null, fromForm: true));
        fhir.MapFhir("GET", "/", [system], c => SearchRequests.SearchAsync(c, null, null, fromForm: false));
        fhir.MapFhir("POST", "/_search", [system], c => SearchRequests.SearchAsync(c, null, null, fromForm: true));

        // https://hl7.org/fhir/R4/compartmentdefinition.html#search: GET [base]/Patient/[id]/[type]?...
        var compartment = CompartmentDefinition.Patient;
        var inCompartment = new FhirInteraction("search-type", InteractionLevel.Compartment);
        foreach (var resourceType in FhirModel.R4.ResourceTypes)
        {
            var name = resourceType.Name;
            if (compartment.ParametersFor(name).Count == 0 && name != compartment.Code)
            {
                continue;
            }

            fhir.MapFhir(
                "GET",
                $"/{compartment.Code}/{{id:{FhirRouteConstraints.Id}}}/{name}",
                [inCompartment],
                c => SearchRequests.SearchAsync(c, name, new CompartmentReference(compartment.Code, c.Route("id")), fromForm: false));
        }

        // GET [base]/Patient/[id]/*: every type in the compartment, each through its own compartment parameters.
        fhir.MapFhir(
            "GET",
            $"/{compartment.Code}/{{id:{FhirRouteConstraints.Id}}}/*",
            [inCompartment],
            c => SearchRequests.SearchAsync(c, null, new CompartmentReference(compartment.Code, c.Route("id")), fromForm: false));

        return fhir;
    }
}
