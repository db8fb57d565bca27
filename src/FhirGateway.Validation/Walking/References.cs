namespace FhirGateway.Validation.Walking;

/// <summary>Parsing of RESTful references (https://hl7.org/fhir/R4/references.html#literal).</summary>
internal static class References
{
    /// <summary>The resource type and id of a RESTful reference (relative or absolute, with or without _history).</summary>
    public static (string? Type, string? Id) TypeAndId(string reference)
    {
        var parts = reference.Split('/');
        var n = parts.Length;
        if (n >= 4 && parts[n - 2] == "_history")
        {
            n -= 2;
        }

        if (n < 2 || parts[n - 2].Length == 0 || !char.IsAsciiLetterUpper(parts[n - 2][0]) || parts[n - 1].Length == 0)
        {
            return (null, null);
        }

        return (parts[n - 2], parts[n - 1]);
    }

    /// <summary>The service base of a RESTful URL (<c>http://x/fhir/Patient/1</c> gives <c>http://x/fhir/</c>).</summary>
    public static string? RestfulBase(string fullUrl)
    {
        var (type, _) = TypeAndId(fullUrl);
        if (type is null || !fullUrl.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var at = fullUrl.LastIndexOf("/" + type + "/", StringComparison.Ordinal);
        return at < 0 ? null : fullUrl[..(at + 1)];
    }
}
