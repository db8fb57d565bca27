using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The REST component's one ActivitySource and one Meter, both <c>FhirGateway.Rest</c>: a span per interaction (named
/// <c>update Patient</c>, tags <c>fhir.interaction</c> and <c>fhir.resource_type</c>; never ids or content) and a counter
/// of Bundle entries processed.
/// </summary>
internal static class InteractionTelemetry
{
    public const string Name = "FhirGateway.Rest";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> BundleEntries = Meter.CreateCounter<long>(
        "fhirgateway.rest.bundle.entries", "{entry}", "Entries of batch and transaction Bundles processed, by Bundle type and outcome.");

    private static readonly Counter<long> TransactionRetries = Meter.CreateCounter<long>(
        "fhirgateway.rest.transaction.retries", "{retry}", "Transaction Bundles run again after the database aborted them for a concurrent one.");

    /// <summary>Starts the span of one interaction (null when nobody listens).</summary>
    public static Activity? Start(string interaction, string? resourceType)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(resourceType is null ? interaction : interaction + " " + resourceType, ActivityKind.Internal);
        activity?.SetTag("fhir.interaction", interaction);
        if (resourceType is not null)
        {
            activity?.SetTag("fhir.resource_type", resourceType);
        }

        return activity;
    }

    public static void EntryProcessed(string bundleType, bool succeeded) =>
        BundleEntries.Add(1, new KeyValuePair<string, object?>("fhir.bundle.type", bundleType), new KeyValuePair<string, object?>("fhirgateway.outcome", succeeded ? "ok" : "error"));

    public static void TransactionRetried() => TransactionRetries.Add(1);
}
