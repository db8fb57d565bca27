using System.Globalization;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>The String representation of system values (https://hl7.org/fhirpath/N1/#tostring--string).</summary>
internal static class ValueText
{
    /// <summary>The text of a primitive item, null for items that have none (complex nodes).</summary>
    public static string? Format(object item) => SystemValue.Of(item) switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => DecimalText.Format(d),
        Quantity q => q.ToString(),
        PartialDate d => d.ToString(),
        PartialDateTime d => d.ToString(),
        PartialTime t => t.ToString(),
        _ => null,
    };
}
