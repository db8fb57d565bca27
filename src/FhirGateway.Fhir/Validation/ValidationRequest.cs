namespace FhirGateway.Fhir.Validation;

/// <summary>What a validation is for (the <c>mode</c> and <c>profile</c> of https://hl7.org/fhir/R4/resource-operation-validate.html).</summary>
public sealed record ValidationRequest
{
    /// <summary>A plain check: no profile asked for, the resource's own <c>meta.profile</c> applies.</summary>
    public static ValidationRequest Default { get; } = new();

    /// <summary>The canonical URLs of profiles to validate against, besides the base definition.</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>Why the resource is checked: <c>create</c>, <c>update</c>, <c>delete</c>, or null for a plain check.</summary>
    public string? Mode { get; init; }
}
