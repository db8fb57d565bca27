using System.Text;

namespace FhirGateway.Api.Indexing;

/// <summary>
/// The identity keys of business identifiers: <c>{type}|identifier|{system}|{value}</c>, with <c>\</c> and <c>|</c>
/// inside the system and value escaped by a backslash (as FHIR search escapes them,
/// https://hl7.org/fhir/R4/search.html#escaping), so no two identifiers share a key.
/// </summary>
internal static class IdentityKeys
{
    /// <summary>The longest key the store takes.</summary>
    public const int MaxLength = 512;

    /// <summary>The key of an identifier, or null when it would be longer than the store takes.</summary>
    public static string? ForIdentifier(string resourceType, string system, string value)
    {
        var builder = new StringBuilder(resourceType.Length + system.Length + value.Length + 16)
            .Append(resourceType).Append('|').Append(IdentifierSearchParameter.Code).Append('|');
        Escape(builder, system).Append('|');
        Escape(builder, value);
        return builder.Length <= MaxLength ? builder.ToString() : null;
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
