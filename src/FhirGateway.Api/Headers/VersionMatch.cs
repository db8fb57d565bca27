namespace FhirGateway.Api.Headers;

/// <summary>
/// An If-Match or If-None-Match precondition: any current version (<c>*</c>) or a list of versions. If-None-Match may
/// list several entity tags (RFC 9110 section 13.1.2); tags that name no version of this server are dropped, so a
/// list of those alone matches nothing.
/// </summary>
internal readonly record struct VersionMatch
{
    private readonly long[]? _versions;

    private VersionMatch(long[]? versions) => _versions = versions;

    public static VersionMatch Any => new(null);

    public bool IsAny => _versions is null;

    /// <summary>The one version named (If-Match takes exactly one), or null for <c>*</c>; a list has none.</summary>
    public long? VersionId => _versions switch
    {
        null => null,
        [var only] => only,
        _ => throw new InvalidOperationException("A list of entity tags names no single version."),
    };

    public static VersionMatch Version(long versionId) => new([versionId]);

    public static VersionMatch Versions(long[] versionIds) => new(versionIds);

    /// <summary>Whether a current version satisfies the precondition.</summary>
    public bool Matches(long currentVersion) => _versions is null || Array.IndexOf(_versions, currentVersion) >= 0;
}
