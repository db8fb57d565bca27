using System.Text.RegularExpressions;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// A checked write: the resource type, and the identity keys de-duplicated and sorted (claiming keys in one order
/// everywhere keeps concurrent PostgreSQL writers from deadlocking on them). Malformed input is a programming error
/// of the caller and throws; the REST layer validates what clients send before it gets here.
/// </summary>
internal sealed partial record WriteInput(ResourceWrite Write, string ResourceType, IReadOnlyList<string> Keys)
{
    /// <summary>The longest identity key (a PostgreSQL B-tree entry must stay well under a page).</summary>
    public const int MaxKeyLength = 512;

    public static WriteInput From(ResourceWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var resource = write.Resource ?? throw new ArgumentException("The write has no resource.", nameof(write));
        if (!resource.IsResource || resource.Type.IsAbstract || resource.Definition is not null || resource.Type.Model.Release != FhirRelease.R4)
        {
            throw new ArgumentException("The store holds R4 resources: the write needs a root resource node.", nameof(write));
        }

        var type = resource.Type.Name;
        ArgumentNullException.ThrowIfNull(write.IndexRows);
        if (write.IndexRows.Any(r => r is null))
        {
            throw new ArgumentException("Index rows must not be null.", nameof(write));
        }

        CheckTopics(write.OutboxTopics);
        if (write.AssignedId is { } assigned)
        {
            CheckId(assigned);
        }

        return new WriteInput(write, type, CheckKeys(type, write.IdentityKeys));
    }

    /// <summary>Checks outbox topics: a list of non-empty names.</summary>
    public static void CheckTopics(IReadOnlyList<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Outbox topics must not be null or empty.", nameof(topics));
        }
    }

    /// <summary>
    /// A checked conditional create and its claim: the one given (its criteria start with the resource type and '?'),
    /// or, without one, the write's identity keys as <c>identifier</c> criteria (at least one is needed).
    /// </summary>
    public static (WriteInput Input, ClaimInput Claim) ForConditionalCreate(ResourceWrite write, ConditionalClaim? claim)
    {
        var input = From(write);
        if (claim is null)
        {
            if (input.Keys.Count == 0)
            {
                throw new ArgumentException("A conditional create needs a claim or at least one identity key.", nameof(write));
            }

            var prefix = input.ResourceType + "|identifier|";
            var criteria = input.ResourceType + "?" + string.Join("&", input.Keys.Select(k =>
                k.StartsWith(prefix, StringComparison.Ordinal) ? "identifier=" + Uri.EscapeDataString(k[prefix.Length..]) : "_key=" + Uri.EscapeDataString(k)));
            return (input, ClaimInput.Of(criteria, null));
        }

        ArgumentNullException.ThrowIfNull(claim.Criteria);
        if (!claim.Criteria.StartsWith(input.ResourceType + "?", StringComparison.Ordinal) || claim.Criteria.Length <= input.ResourceType.Length + 1)
        {
            throw new ArgumentException($"The claim of a conditional create of a {input.ResourceType} starts with '{input.ResourceType}?' and has criteria.", nameof(claim));
        }

        if (claim.ReplacingHolder is { } holder)
        {
            CheckId(holder);
        }

        return (input, ClaimInput.Of(claim.Criteria, claim.ReplacingHolder));
    }

    /// <summary>Checks a logical id against the FHIR id type (https://hl7.org/fhir/R4/datatypes.html#id).</summary>
    public static void CheckId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException("A resource id is 1 to 64 letters, digits, '-' and '.'.", nameof(id));
        }
    }

    /// <summary>Whether a logical id is a FHIR id; the store holds no other, so reads of anything else find nothing.</summary>
    public static bool IsValidId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return IdPattern().IsMatch(id);
    }

    /// <summary>Checks a resource type name against the R4 model.</summary>
    public static void CheckType(string resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        if (!FhirModel.R4.TryGetResourceType(resourceType, out _))
        {
            throw new ArgumentException($"'{resourceType}' is not an R4 resource type.", nameof(resourceType));
        }
    }

    /// <summary>Checks identity keys to look up: each starts with an R4 resource type and '|'; returns them de-duplicated and sorted.</summary>
    public static List<string> CheckLookupKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            var bar = key?.IndexOf('|', StringComparison.Ordinal) ?? -1;
            if (bar <= 0 || !FhirModel.R4.TryGetResourceType(key.AsSpan(0, bar), out _))
            {
                throw new ArgumentException("Identity keys start with an R4 resource type and '|'.", nameof(keys));
            }
        }

        var sorted = keys.Distinct(StringComparer.Ordinal).ToList();
        sorted.Sort(StringComparer.Ordinal);
        return sorted;
    }

    private static List<string> CheckKeys(string type, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var prefix = type + "|";
        foreach (var key in keys)
        {
            if (key is null || key.Length <= prefix.Length || key.Length > MaxKeyLength || !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Identity keys of a {type} start with '{prefix}' and are at most {MaxKeyLength} characters.", nameof(keys));
            }
        }

        var sorted = keys.Distinct(StringComparer.Ordinal).ToList();
        sorted.Sort(StringComparer.Ordinal);
        return sorted;
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
