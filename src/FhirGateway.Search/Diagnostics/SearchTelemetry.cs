using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FhirGateway.Search.Diagnostics;

/// <summary>
/// The search component's one ActivitySource and one Meter, both named <c>FhirGateway.Search</c>. Spans and metrics
/// carry the resource type and the outcome, never parameter values (they hold patient data).
/// </summary>
internal static class SearchTelemetry
{
    public const string Name = "FhirGateway.Search";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "fhirgateway.search.duration", "s", "Duration of searches, from parsing to the page and its includes.");

    private static readonly Counter<long> Ignored = Meter.CreateCounter<long>(
        "fhirgateway.search.ignored_parameters", "{parameter}", "Search parameters ignored as unknown or unsupported.");

    public static Activity? Start(string? resourceType)
    {
        var activity = Source.StartActivity(resourceType is null ? "search" : "search " + resourceType, ActivityKind.Internal);
        activity?.SetTag("fhir.resource_type", resourceType);
        return activity;
    }

    public static void Record(Activity? activity, string? resourceType, string outcome, long started, int ignored)
    {
        activity?.SetTag("fhirgateway.search.outcome", outcome);
        var tags = new TagList { { "fhir.resource_type", resourceType ?? "*" }, { "fhirgateway.search.outcome", outcome } };
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (ignored > 0)
        {
            Ignored.Add(ignored, new TagList { { "fhir.resource_type", resourceType ?? "*" } });
        }
    }
}
