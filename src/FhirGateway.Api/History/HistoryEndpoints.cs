using FhirGateway.Api.Bundles;
using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Interactions;

namespace FhirGateway.Api.History;

/// <summary>GET [base]/_history, [base]/[type]/_history and [base]/[type]/[id]/_history (https://hl7.org/fhir/R4/http.html#history).</summary>
internal static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapFhirHistory(this IEndpointRouteBuilder fhir)
    {
        fhir.MapFhir("GET", "/_history", [new("history-system", InteractionLevel.System)], c => HistoryAsync(c, null, null));
        fhir.MapForEveryType("GET", "/_history", new("history-type", InteractionLevel.Type), (c, type) => HistoryAsync(c, type, null));
        fhir.MapForEveryType("GET", "/{id:fhirId}/_history", new("history-instance", InteractionLevel.Instance), (c, type) => HistoryAsync(c, type, c.Route("id")));
        return fhir;
    }

    private static async Task HistoryAsync(HttpContext context, string? type, string? id)
    {
        var request = context.Request;
        var root = context.RequestServices.GetRequiredService<FhirBaseUrl>().For(request);
        var self = root + request.Path.Value![FhirRoutes.BasePath.Length..] + request.QueryString.Value;
        var parameters = request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))).ToList();
        var history = context.RequestServices.GetRequiredService<HistoryInteractions>();
        var bundle = await history.HistoryAsync(root, self, type, id, parameters, PreferHeader.Of(request).Strict, context.RequestAborted);
        await ResponseBundles.WriteAsync(context, bundle);
    }
}
