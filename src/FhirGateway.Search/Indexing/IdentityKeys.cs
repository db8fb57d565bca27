using System.Collections.Frozen;
using System.Text;
using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// The identity keys of business identifiers (docs/storage.md, conditional create without races):
/// <c>{type}|identifier|{system}|{value}</c>, with <c>\</c> and <c>|</c> inside the system and value escaped by a
/// backslash (as FHIR search escapes them, https://hl7.org/fhir/R4/search.html#escaping), so no two identifiers share
/// a key. Only the types whose official <c>identifier</c> SearchParameter is on <c>[type].identifier</c> have them, and
/// only identifiers with both a system and a value. The same keys as the REST layer's identity-key indexer makes.
/// </summary>
public static class IdentityKeys
{
    /// <summary>The search parameter whose values make identity keys.</summary>
    public const string Parameter = "identifier";

    /// <summary>The longest key the store takes.</summary>
    public const int MaxLength = 512;

    private static readonly Lazy<FrozenSet<string>> LazyTypes = new(() => SearchParameterRegistry.Official.All
        .Where(p => p.Code == Parameter && p.Expression is not null)
        .SelectMany(p => p.Bases.Where(b => p.Expression!.Split('|', StringSplitOptions.TrimEntries).Contains(b + "." + Parameter, StringComparer.Ordinal)))
        .ToFrozenSet(StringComparer.Ordinal));

    /// <summary>The resource types whose identifiers make identity keys.</summary>
    public static FrozenSet<string> Types => LazyTypes.Value;

    /// <summary>The key of an identifier, or null when it would be longer than the store takes.</summary>
    public static string? ForIdentifier(string resourceType, string system, string value)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(resourceType.Length + system.Length + value.Length + 16).Append(resourceType).Append('|').Append(Parameter).Append('|');
        Escape(builder, system).Append('|');
        Escape(builder, value);
        return builder.Length <= MaxLength ? builder.ToString() : null;
    }

    /// <summary>The keys of a resource's own identifiers (none for types without identity keys).</summary>
    public static IReadOnlyList<string> Of(Fhir.Model.ElementNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var type = resource.Type.Name;
        if (!Types.Contains(type))
        {
            return [];
        }

        var keys = new List<string>();
        foreach (var identifier in resource.ChildrenNamed(Parameter))
        {
            if (identifier.Child("system")?.Value is { Length: > 0 } system && identifier.Child("value")?.Value is { Length: > 0 } value &&
                ForIdentifier(type, system, value) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>
    /// The key an <c>identifier</c> criterion names, when it is one <c>system|value</c> pair with both parts; null
    /// otherwise (alternatives, a value alone, a key too long).
    /// </summary>
    public static string? ForCriterion(string resourceType, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<StringBuilder> { new() };
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                parts[^1].Append(value[++i]);
            }
            else if (c == ',')
            {
                return null;
            }
            else if (c == '|')
            {
                parts.Add(new StringBuilder());
            }
            else
            {
                parts[^1].Append(c);
            }
        }

        return parts.Count == 2 && parts[0].Length > 0 && parts[1].Length > 0 && Types.Contains(resourceType)
            ? ForIdentifier(resourceType, parts[0].ToString(), parts[1].ToString())
            : null;
    }

    private static StringBuilder Escape(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            if (c is '\\' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder;
    }
}
