using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>What a reader produced: the resource (null when the input could not be read at all) and every issue found.</summary>
/// <param name="Resource">The resource tree; parts with errors are left out.</param>
/// <param name="Issues">Every problem found, in document order.</param>
public sealed record ParseResult(ElementNode? Resource, IReadOnlyList<ParseIssue> Issues)
{
    /// <summary>Whether a resource was read and no issue is an error.</summary>
    public bool Success => Resource is not null && !HasErrors;

    /// <summary>Whether any issue is an error or fatal.</summary>
    public bool HasErrors => Issues.Any(i => i.IsError);
}
