using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.RequestBodies;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

/// <summary>The instance and type interactions over HTTP (https://hl7.org/fhir/R4/http.html), each route a thin adapter onto <see cref="ResourceInteractions"/>.</summary>
internal static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResourceInteractions(this IEndpointRouteBuilder fhir)
    {
        fhir.MapForEveryType("GET", "/{id:fhirId}", new("read", InteractionLevel.Instance), Read);
        fhir.MapForEveryType("GET", "/{id:fhirId}/_history/{vid}", new("vread", InteractionLevel.Instance), VRead);
        fhir.MapForEveryType("PUT", "/{id:fhirId}", new("update", InteractionLevel.Instance), Update);
        fhir.MapForEveryType("PATCH", "/{id:fhirId}", new("patch", InteractionLevel.Instance), Patch);
        fhir.MapForEveryType("DELETE", "/{id:fhirId}", new("delete", InteractionLevel.Instance), Delete);
        fhir.MapForEveryType("POST", string.Empty, new("create", InteractionLevel.Type), Create);

        // Conditional update, patch and delete address resources by search criteria (https://hl7.org/fhir/R4/http.html#cond-update).
        fhir.MapForEveryType("PUT", string.Empty, new("update", InteractionLevel.Type), ConditionalUpdate);
        fhir.MapForEveryType("PATCH", string.Empty, new("patch", InteractionLevel.Type), ConditionalPatch);
        fhir.MapForEveryType("DELETE", string.Empty, new("delete", InteractionLevel.Type), ConditionalDelete);
        return fhir;
    }

    private static async Task Read(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var subset = ReadSubsets.Of(context.Request, type);
        var result = await interactions.ReadAsync(store, type, context.Route("id"), Preconditions.FromHeaders(context.Request), context.RequestAborted, subset);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task VRead(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var subset = ReadSubsets.Of(context.Request, type);
        var result = await interactions.VReadAsync(store, type, context.Route("id"), context.Route("vid"), context.RequestAborted, subset);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task Create(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var preconditions = Preconditions.FromHeaders(context.Request);
        var resource = await Bodies(context).ReadResourceAsync(context);
        var result = await interactions.CreateAsync(store, type, resource, preconditions, context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task Update(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var preconditions = Preconditions.FromHeaders(context.Request);
        var resource = await Bodies(context).ReadResourceAsync(context);
        var result = await interactions.UpdateAsync(store, type, context.Route("id"), resource, preconditions, context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task ConditionalUpdate(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var criteria = CriteriaQuery.Of(context.Request);
        var preconditions = Preconditions.FromHeaders(context.Request);
        var resource = await Bodies(context).ReadResourceAsync(context);
        var result = await interactions.ConditionalUpdateAsync(store, type, criteria, resource, preconditions, context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task Patch(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var preconditions = Preconditions.FromHeaders(context.Request);
        var patch = ResourceInteractions.ParsePatch(await Bodies(context).ReadJsonPatchAsync(context));
        var result = await interactions.PatchAsync(store, type, context.Route("id"), patch, preconditions, context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task ConditionalPatch(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var criteria = CriteriaQuery.Of(context.Request);
        var preconditions = Preconditions.FromHeaders(context.Request);
        var patch = ResourceInteractions.ParsePatch(await Bodies(context).ReadJsonPatchAsync(context));
        var result = await interactions.ConditionalPatchAsync(store, type, criteria, patch, preconditions, context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task Delete(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var result = await interactions.DeleteAsync(store, type, context.Route("id"), Preconditions.FromHeaders(context.Request), context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static async Task ConditionalDelete(HttpContext context, string type)
    {
        var (interactions, store) = Services(context);
        var criteria = CriteriaQuery.Of(context.Request);
        var result = await interactions.ConditionalDeleteAsync(store, type, criteria, Preconditions.FromHeaders(context.Request), context.RequestAborted);
        await InteractionResponses.WriteAsync(context, result);
    }

    private static (ResourceInteractions Interactions, IResourceStore Store) Services(HttpContext context) =>
        (context.RequestServices.GetRequiredService<ResourceInteractions>(), context.RequestServices.GetRequiredService<IResourceStore>());

    private static RequestBodyReader Bodies(HttpContext context) => context.RequestServices.GetRequiredService<RequestBodyReader>();
}
