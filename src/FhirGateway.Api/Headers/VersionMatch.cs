namespace FhirGateway.Api.Headers;

/// <summary>An If-Match or If-None-Match precondition: any current version (<c>*</c>) or one version.</summary>
/// <param name="VersionId">The version, or null for <c>*</c>.</param>
internal readonly record struct VersionMatch(long? VersionId)
{
    public static VersionMatch Any => new(null);

    public bool IsAny => VersionId is null;

    public static VersionMatch Version(long versionId) => new(versionId);

    /// <summary>Whether a current version satisfies the precondition.</summary>
    public bool Matches(long currentVersion) => VersionId is not { } v || v == currentVersion;
}
