using System.Globalization;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// Converts primitive values between their lexical form in the tree and .NET values. Lexical forms follow
/// https://hl7.org/fhir/R4/datatypes.html#primitive; a value that does not parse is reported, not guessed.
/// </summary>
internal static class PrimitiveValues
{
    public static string? ToText(ElementNode? node) => node?.Value;

    public static string? FromText(string? value) => value;

    public static bool? ToBoolean(ElementNode? node) => node?.Value switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var v => throw Invalid(node, v, "boolean"),
    };

    public static string? FromBoolean(bool? value) => value switch
    {
        null => null,
        true => "true",
        false => "false",
    };

    public static int? ToInt32(ElementNode? node) => node?.Value switch
    {
        null => null,
        var v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : throw Invalid(node, v, "integer"),
    };

    public static string? FromInt32(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The decimal value; <see cref="PrimitiveType.LexicalValue"/> keeps the exact text (<c>1.50</c>, <c>1e-22</c>).</summary>
    public static decimal? ToDecimal(ElementNode? node) => node?.Value switch
    {
        null => null,
        var v => decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw Invalid(node, v, "decimal"),
    };

    /// <summary>Invariant text; a .NET decimal keeps its scale, so 1.50m is written <c>1.50</c>.</summary>
    public static string? FromDecimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static FormatException Invalid(ElementNode node, string value, string type) =>
        new($"'{value}' in {node.Definition?.Path ?? node.Type.Name} is not a {type} that .NET can hold; its text is in LexicalValue.");
}
