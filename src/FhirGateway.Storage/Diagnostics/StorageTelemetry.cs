using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FhirGateway.Storage.Diagnostics;

/// <summary>
/// The storage component's one ActivitySource and one Meter, both named <c>FhirGateway.Storage</c>. Tags follow the
/// OpenTelemetry database conventions (<c>db.system.name</c>, <c>db.operation.name</c>); resource ids and content
/// are never tags.
/// </summary>
internal static class StorageTelemetry
{
    public const string Name = "FhirGateway.Storage";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "fhirgateway.storage.operation.duration", "s", "Duration of store operations, by operation and outcome.");

    private static readonly Counter<long> OutboxLeased = Meter.CreateCounter<long>(
        "fhirgateway.storage.outbox.leased", "{item}", "Outbox items handed to workers.");

    /// <summary>Starts the span of one store operation, e.g. <c>update Patient</c>.</summary>
    public static Activity? Start(string dbSystem, string operation, string? resourceType)
    {
        var activity = Source.StartActivity(resourceType is null ? operation : operation + " " + resourceType, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", dbSystem);
            activity.SetTag("db.operation.name", operation);
            if (resourceType is not null)
            {
                activity.SetTag("fhir.resource_type", resourceType);
            }
        }

        return activity;
    }

    /// <summary>Records an operation's duration and outcome, and marks a failed span.</summary>
    public static void Record(Activity? activity, string dbSystem, string operation, string outcome, long startTimestamp)
    {
        activity?.SetTag("fhirgateway.storage.outcome", outcome);
        if (string.Equals(outcome, "error", StringComparison.Ordinal))
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        Duration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("db.system.name", dbSystem),
            new KeyValuePair<string, object?>("db.operation.name", operation),
            new KeyValuePair<string, object?>("fhirgateway.storage.outcome", outcome));
    }

    /// <summary>Counts leased outbox items.</summary>
    public static void Leased(string dbSystem, int count) =>
        OutboxLeased.Add(count, new KeyValuePair<string, object?>("db.system.name", dbSystem));
}
