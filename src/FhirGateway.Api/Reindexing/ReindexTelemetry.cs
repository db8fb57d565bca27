using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FhirGateway.Api.Reindexing;

/// <summary>
/// The reindexer's one ActivitySource and one Meter, both <c>FhirGateway.Reindex</c>: a span per run (tag
/// <c>fhir.resource_type</c> for a type-level run) and a counter of resources reindexed.
/// </summary>
internal static class ReindexTelemetry
{
    public const string Name = "FhirGateway.Reindex";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Reindexed = Meter.CreateCounter<long>(
        "fhirgateway.reindex.resources", "{resource}", "Resources whose index rows were re-extracted under the running search parameter definitions.");

    public static Activity? Start(string? resourceType)
    {
        var activity = Source.StartActivity("reindex", ActivityKind.Internal);
        if (resourceType is not null)
        {
            activity?.SetTag("fhir.resource_type", resourceType);
        }

        return activity;
    }

    public static void Record(string? resourceType, int count)
    {
        if (count > 0)
        {
            Reindexed.Add(count, new KeyValuePair<string, object?>("fhir.resource_type", resourceType ?? "*"));
        }
    }
}
