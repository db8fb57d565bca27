using System.Text;

namespace FhirGateway.Api.Indexing;

/// <summary>
/// Reads an <c>identifier</c> token criterion, <c>system|value</c> with FHIR search escaping
/// (https://hl7.org/fhir/R4/search.html#token, #escaping), into an identity key.
/// </summary>
internal static class TokenCriterion
{
    /// <summary>Makes the key; returns why not when the value is no single system|value pair.</summary>
    public static string? Key(string resourceType, string value, out string? key)
    {
        key = null;
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
                return "identifier takes a single value here (no comma-separated alternatives).";
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

        if (parts.Count != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return "identifier must be system|value with both parts (a value alone, |value or system| needs search).";
        }

        key = IdentityKeys.ForIdentifier(resourceType, parts[0].ToString(), parts[1].ToString());
        return key is null ? $"identifier is too long to match (identity keys hold at most {IdentityKeys.MaxLength} characters)." : null;
    }
}
