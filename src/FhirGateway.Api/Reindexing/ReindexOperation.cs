using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Reindexing;

/// <summary>
/// <c>POST [base]/$reindex</c> and <c>POST [base]/[type]/$reindex</c>: re-extracts, now, the index rows of every
/// current resource (of the type) stored under other search parameter definitions than the running ones, and answers
/// 200 with an OperationOutcome saying how many. An administrative operation (like HAPI FHIR's <c>$reindex</c>; R4
/// defines none): until the gateway has authentication, anyone who can reach <c>/fhir</c> can run it.
/// </summary>
internal static class ReindexOperation
{
    /// <summary>The operation's name in the CapabilityStatement.</summary>
    public const string Name = "reindex";

    /// <summary>
    /// The operation's canonical URL. R4 defines no reindex operation; this is the gateway's own, with no
    /// OperationDefinition published at it yet.
    /// </summary>
    public const string Definition = "https://fhirgateway.dev/OperationDefinition/reindex";

    public static IEndpointRouteBuilder MapFhirReindex(this IEndpointRouteBuilder fhir)
    {
        fhir.MapFhir("POST", "/$" + Name, [new("$" + Name, InteractionLevel.System)], c => ReindexAsync(c, null));
        fhir.MapForEveryType("POST", "/$" + Name, new("$" + Name, InteractionLevel.Type), ReindexAsync);
        return fhir;
    }

    private static async Task ReindexAsync(HttpContext context, string? type)
    {
        var report = await context.RequestServices.GetRequiredService<Reindexer>().RunAsync(type, context.RequestAborted);
        var what = type is null ? "resources" : type + " resources";
        var message = report.Fingerprint is null
            ? "The gateway makes no search index rows, so there is nothing to reindex."
            : $"Reindexed {report.Reindexed} {what} whose index rows were extracted with other search parameter definitions than " +
              $"the running ones ({report.Fingerprint}); {report.Examined} examined, {report.Failed} could not be read.";
        var outcome = OperationOutcomes.Create(null, report.Failed > 0 ? IssueSeverity.Warning : IssueSeverity.Information, "informational", message);
        await FhirResourceResult.WriteAsync(context, outcome, StatusCodes.Status200OK);
    }
}
