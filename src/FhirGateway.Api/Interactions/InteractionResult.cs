using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Search.Results;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The outcome of one interaction, independent of how it is answered: an HTTP response for a plain request, a
/// response entry for a batch or transaction Bundle.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
internal sealed record InteractionResult(int StatusCode)
{
    /// <summary>The version the result is about: the body of a read, and the ETag and Last-Modified of any result.</summary>
    public ResourceVersion? Version { get; init; }

    /// <summary>Whether the result is of a write, whose body follows the client's return preference.</summary>
    public bool IsWrite { get; init; }

    /// <summary>The Location, relative to the base: <c>Patient/1/_history/2</c>.</summary>
    public string? Location { get; init; }

    /// <summary>What happened, for <c>Prefer: return=OperationOutcome</c>.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// What validation said about the resource written, below error level; reported with the message under
    /// <c>Prefer: return=OperationOutcome</c>.
    /// </summary>
    public IReadOnlyList<ParseIssue> Warnings { get; init; } = [];

    /// <summary>What of a read's resource the client asked for (<c>_summary</c>, <c>_elements</c>); null or whole for all of it.</summary>
    public ReadSubset? Subset { get; init; }

    /// <summary>The read's resource as the client asked for it, when <see cref="Subset"/> leaves something out; null otherwise.</summary>
    public ElementNode? SubsetResource()
    {
        if (Subset is not { Applies: true } subset || Version is not { IsDeleted: false } version)
        {
            return null;
        }

        var resource = Formats.StoredResources.ToTree(version);
        subset.Apply(resource);
        return resource;
    }

    /// <summary>An OperationOutcome that is the result itself (for example of <c>$validate</c>).</summary>
    public ElementNode? Outcome { get; init; }

    /// <summary>This result with the warnings validation raised about the resource written.</summary>
    public InteractionResult With(PreparedWrite prepared) => prepared.Warnings.Count == 0 ? this : this with { Warnings = prepared.Warnings };

    /// <summary>The relative Location of a version: <c>Patient/1/_history/2</c> (https://hl7.org/fhir/R4/http.html#create).</summary>
    public static string LocationOf(ResourceVersion version) =>
        $"{version.ResourceType}/{version.Id}/_history/{version.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
