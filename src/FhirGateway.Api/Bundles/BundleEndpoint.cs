using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.RequestBodies;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Bundles;

/// <summary>POST [base] with a batch or transaction Bundle (https://hl7.org/fhir/R4/http.html#transaction).</summary>
internal static class BundleEndpoint
{
    public static IEndpointRouteBuilder MapFhirBundles(this IEndpointRouteBuilder fhir)
    {
        fhir.MapFhir("POST", "/", [new("transaction", InteractionLevel.System), new("batch", InteractionLevel.System)], ProcessAsync);
        return fhir;
    }

    private static async Task ProcessAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var bundle = await services.GetRequiredService<RequestBodyReader>().ReadResourceAsync(context);
        if (bundle.Type.Name != "Bundle")
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, $"POST to the base takes a batch or transaction Bundle, not a {bundle.Type.Name}.");
        }

        var type = bundle.Child("type")?.Value;
        var entries = bundle.ChildrenNamed("entry").ToList();
        var limit = services.GetRequiredService<IOptions<FhirEndpointOptions>>().Value.MaxBundleEntries;
        if (entries.Count > limit)
        {
            throw FhirException.Status(StatusCodes.Status413PayloadTooLarge, $"The Bundle has {entries.Count} entries; this server takes at most {limit}.");
        }

        var request = new BundleRequestContext(
            services.GetRequiredService<FhirBaseUrl>().For(context.Request), PreferHeader.Of(context.Request).Return, TraceIds.Of(context));
        var response = type switch
        {
            "transaction" => await services.GetRequiredService<TransactionProcessor>().ProcessAsync(entries, request, context.RequestAborted),
            "batch" => await services.GetRequiredService<BatchProcessor>().ProcessAsync(entries, request, context.RequestAborted),
            _ => throw FhirException.Status(StatusCodes.Status400BadRequest, $"POST to the base takes a Bundle of type batch or transaction, not '{type}'."),
        };
        await ResponseBundles.WriteAsync(context, response);
    }
}
