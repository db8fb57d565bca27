using System.Buffers.Text;
using System.Globalization;
using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Primitive values against their type's format (https://hl7.org/fhir/R4/datatypes.html#primitive): the regular
/// expression from the definitions, real calendar dates, 32-bit integer ranges, well-formed base64, and the maximum
/// length (1 MB for strings, or the profile's maxLength).
/// </summary>
internal static class PrimitiveRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def)
    {
        var value = node.Value;
        var type = node.Type;
        if (value is null || type.IsXhtml)
        {
            return;
        }

        if (value.Length == 0)
        {
            // https://hl7.org/fhir/R4/json.html#primitive and xml.html: a primitive value is never empty.
            run.Error(ValidationIssueCodes.InvalidValue, "value", $"The {type.Name} value is empty; a primitive value must have some content, or be left out.");
            return;
        }

        if (type.Name is "string" or "markdown" && string.IsNullOrWhiteSpace(value))
        {
            run.Warning(ValidationIssueCodes.InvalidValue, "value", $"The {type.Name} value is only white space.");
        }

        var max = def.MaxLength ?? type.MaxLength;
        if (max is { } m && value.Length > m)
        {
            run.Error(ValidationIssueCodes.TooLong, "too-long", $"The {type.Name} value is {value.Length} characters long; at most {m} are allowed.");
        }

        if (!type.IsValidValue(value))
        {
            run.Error(ValidationIssueCodes.InvalidValue, "value", $"{Quote(value)} is not a valid {type.Name}.");
            return;
        }

        var problem = type.Name switch
        {
            "date" or "dateTime" or "instant" => IsCalendarDate(value) ? null : "is not a real calendar date",
            "integer" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "is outside the range of a 32-bit integer",
            "positiveInt" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && p > 0 ? null : "is not a positive 32-bit integer",
            "unsignedInt" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "is outside the range of an unsigned 32-bit integer",
            "base64Binary" => Base64.IsValid(value.AsSpan()) ? null : "is not valid base64",
            _ => null,
        };
        if (problem is not null)
        {
            run.Error(ValidationIssueCodes.InvalidValue, "value", $"{Quote(value)} {problem}.");
        }
    }

    /// <summary>Whether the day (if any) exists in its month; the regex has already checked the shape.</summary>
    private static bool IsCalendarDate(string value)
    {
        if (value.Length < 10 || value[4] != '-' || value[7] != '-')
        {
            return true;
        }

        var year = int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(value.AsSpan(5, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(value.AsSpan(8, 2), CultureInfo.InvariantCulture);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    internal static string Quote(string value) => value.Length <= 100 ? "'" + value + "'" : "'" + value[..100] + "...'";
}
