namespace FhirGateway.Fhir.CodeGen;

/// <summary>C# names for FHIR names.</summary>
internal static class Naming
{
    /// <summary><c>birthDate</c> becomes <c>BirthDate</c>.</summary>
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>A C# string literal for a FHIR name (names are ASCII letters and digits; this guards the rest).</summary>
    public static string Literal(string value) =>
        value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_')
            ? "\"" + value + "\""
            : throw new InvalidOperationException($"Unexpected name '{value}'.");
}
