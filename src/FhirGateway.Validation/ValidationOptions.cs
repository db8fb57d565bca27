namespace FhirGateway.Validation;

/// <summary>What validation checks and how far it goes.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: everything checked, up to 1000 errors.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// Whether primitive values are checked against their type's format (regex, calendar dates, integer ranges,
    /// base64, maximum length). Turn off only when the reader already checked them and the tree was not changed since.
    /// </summary>
    public bool CheckPrimitiveValues { get; init; } = true;

    /// <summary>
    /// Whether contained resources are validated, and checked to be referenced from their container (dom-3).
    /// The HL7 reference validator's <c>validateContains IGNORE</c> mode is this option turned off.
    /// </summary>
    public bool ValidateContainedResources { get; init; } = true;

    /// <summary>Whether a resource is also validated against the known profiles its <c>meta.profile</c> claims.</summary>
    public bool ValidateMetaProfiles { get; init; } = true;

    /// <summary>Whether codes are checked against value sets and code systems available locally.</summary>
    public bool CheckTerminology { get; init; } = true;

    /// <summary>
    /// The most errors reported before validation stops with a fatal <see cref="ValidationIssueCodes.TooManyIssues"/>
    /// issue; warnings and notes beyond this number are counted separately and dropped.
    /// </summary>
    public int MaxIssues { get; init; } = 1000;
}
