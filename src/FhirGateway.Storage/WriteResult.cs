namespace FhirGateway.Storage;

/// <summary>The outcome of a write.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Version">
/// The version written (<see cref="WriteStatus.Created"/>, <see cref="WriteStatus.Updated"/>, <see cref="WriteStatus.Deleted"/>);
/// otherwise the relevant current version (the match of <see cref="WriteStatus.Exists"/>, the current version of a
/// <see cref="WriteStatus.VersionConflict"/>, the tombstone of <see cref="WriteStatus.AlreadyDeleted"/>), or null.
/// </param>
/// <param name="MatchedIds">The id of the resource holding the conditional claim (<see cref="WriteStatus.Exists"/>), or
/// the matches (<see cref="WriteStatus.MultipleMatches"/>), ordered; otherwise empty.</param>
public sealed record WriteResult(WriteStatus Status, ResourceVersion? Version, IReadOnlyList<string> MatchedIds)
{
    /// <summary>A result without matches.</summary>
    public WriteResult(WriteStatus status, ResourceVersion? version)
        : this(status, version, [])
    {
    }
}
