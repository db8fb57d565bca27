namespace FhirGateway.Storage;

/// <summary>The outcome of a read or vread.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Version">The version read; for <see cref="ReadStatus.Gone"/> the deleting version; null when not found.</param>
public sealed record ReadResult(ReadStatus Status, ResourceVersion? Version)
{
    /// <summary>The result for an unknown resource or version.</summary>
    public static ReadResult NotFound { get; } = new(ReadStatus.NotFound, null);

    /// <summary>The result for a stored version: found, or gone when it is a deletion.</summary>
    public static ReadResult Of(ResourceVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.IsDeleted ? ReadStatus.Gone : ReadStatus.Found, version);
    }
}
