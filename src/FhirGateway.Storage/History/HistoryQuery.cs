namespace FhirGateway.Storage.History;

/// <summary>
/// A history request (https://hl7.org/fhir/R4/http.html#history): the whole system, one resource type
/// (<see cref="ResourceType"/>) or one resource (<see cref="ResourceType"/> and <see cref="Id"/>).
/// </summary>
public sealed record HistoryQuery
{
    /// <summary>The largest page the store returns.</summary>
    public const int MaxCount = 1000;

    /// <summary>The resource type, or null for system history.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The resource id for instance history (requires <see cref="ResourceType"/>).</summary>
    public string? Id { get; init; }

    /// <summary><c>_since</c>: only versions written at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>_count</c>: the page size, 1 to <see cref="MaxCount"/> (larger values are capped).</summary>
    public int Count { get; init; } = 50;

    /// <summary>Where to continue: the <see cref="HistoryPage.Next"/> of the previous page.</summary>
    public HistoryCursor? After { get; init; }
}
