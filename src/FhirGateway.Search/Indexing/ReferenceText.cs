using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// Reading reference strings (https://hl7.org/fhir/R4/references.html#literal): relative <c>Type/id</c> (with or
/// without <c>/_history/version</c>), absolute URLs, and absolute URLs on one of this server's bases, which are local.
/// </summary>
internal static class ReferenceText
{
    /// <summary>Whether the reference is an absolute URL or a URN.</summary>
    public static bool IsAbsolute(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("urn:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The type and id of a relative reference <c>Type/id[/_history/v]</c>, or null.</summary>
    public static (string Type, string Id)? TypeAndId(string reference)
    {
        var parts = reference.Split('/');
        var n = parts.Length;
        if (n == 4 && parts[2] == "_history")
        {
            n = 2;
        }

        return n == 2 && FhirModel.R4.TryGetResourceType(parts[0], out _) && IsId(parts[1]) ? (parts[0], parts[1]) : null;
    }

    /// <summary>The type and id of an absolute reference on one of <paramref name="bases"/>, or null.</summary>
    public static (string Type, string Id)? Local(string reference, IReadOnlyList<string> bases)
    {
        foreach (var b in bases)
        {
            if (reference.Length > b.Length + 1 && reference.StartsWith(b, StringComparison.Ordinal) && reference[b.Length] == '/')
            {
                return TypeAndId(reference[(b.Length + 1)..]);
            }
        }

        return null;
    }

    /// <summary>Whether the text is a FHIR id (https://hl7.org/fhir/R4/datatypes.html#id).</summary>
    public static bool IsId(string text)
    {
        if (text.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
