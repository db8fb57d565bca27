namespace FhirGateway.Storage.Indexing;

/// <summary>What <see cref="IConditionalMatcher"/> found, or why it could not look.</summary>
public sealed record ConditionalMatch
{
    /// <summary>The ids of the matching current resources, ordered.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>
    /// The identity keys every matching resource holds (empty when the criteria imply none). Informational: conditional
    /// create is race-free through the claim of its criteria (<see cref="ConditionalClaim"/>), whatever the criteria.
    /// </summary>
    public IReadOnlyList<string> IdentityKeys { get; init; } = [];

    /// <summary>The first criterion that cannot be evaluated, or null when the criteria were evaluated.</summary>
    public string? UnsupportedParameter { get; init; }

    /// <summary>Why <see cref="UnsupportedParameter"/> cannot be evaluated, for the client.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Whether <see cref="UnsupportedParameter"/> is malformed (a value its parameter cannot take) rather than one the
    /// matcher does not know or cannot evaluate: the client's error, not a limit of the server.
    /// </summary>
    public bool IsMalformed { get; init; }

    /// <summary>Whether the criteria were evaluated.</summary>
    public bool IsSupported => UnsupportedParameter is null;

    /// <summary>A refusal naming the criterion.</summary>
    public static ConditionalMatch Unsupported(string parameter, string reason) => new() { UnsupportedParameter = parameter, Reason = reason };

    /// <summary>A refusal naming a malformed criterion.</summary>
    public static ConditionalMatch Malformed(string parameter, string reason) => new() { UnsupportedParameter = parameter, Reason = reason, IsMalformed = true };
}
