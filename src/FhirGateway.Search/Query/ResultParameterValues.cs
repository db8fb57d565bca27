using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Search.Query;

/// <summary>
/// The values of <c>_summary</c> and <c>_elements</c> (https://hl7.org/fhir/R4/search.html#summary, #elements), read the
/// same way by searches (<see cref="SearchQueryParser"/>) and reads (<see cref="Results.ReadSubset"/>).
/// </summary>
internal static class ResultParameterValues
{
    /// <summary>The mode a <c>_summary</c> value names; null for a value that is not one.</summary>
    public static SummaryMode? Summary(string value) => value switch
    {
        "true" => SummaryMode.True,
        "false" => SummaryMode.None,
        "text" => SummaryMode.Text,
        "data" => SummaryMode.Data,
        "count" => SummaryMode.Count,
        _ => null,
    };

    /// <summary>The names an <c>_elements</c> value lists (top-level element names, choice elements without their type).</summary>
    public static IEnumerable<string> Elements(string value) => SearchValues.Split(value, ',').Select(SearchValues.Unescape).Where(e => e.Length > 0);

    /// <summary>Whether <paramref name="element"/> is an element of <paramref name="type"/> (any name when the type is unknown).</summary>
    public static bool IsElementOf(TypeDefinition? type, string element) =>
        type is null || type.FindElement(element) is not null || type.TryGetProperty(element, out _);
}
