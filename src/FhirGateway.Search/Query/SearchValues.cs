using System.Globalization;
using System.Text;
using FhirGateway.FhirPath.Units;
using FhirGateway.Search.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Query;

/// <summary>
/// Reading search values (https://hl7.org/fhir/R4/search.html#escaping and the sections on each type): escapes,
/// prefixes, dates to ranges, numbers to the range their precision implies, quantities to canonical units.
/// </summary>
internal static class SearchValues
{
    private static readonly string[] Prefixes = ["eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap"];

    /// <summary>Splits on a separator not escaped with <c>\</c>; the parts keep their escapes.</summary>
    public static List<string> Split(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    /// <summary>Removes the escapes of <c>\,</c> <c>\$</c> <c>\|</c> and <c>\\</c>.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '$' or '|' or '\\')
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }

    /// <summary>Takes a comparison prefix off an ordered value (https://hl7.org/fhir/R4/search.html#prefix); eq when there is none.</summary>
    public static Comparator TakePrefix(ref string value)
    {
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            var index = Array.IndexOf(Prefixes, value[..2]);
            if (index >= 0)
            {
                value = value[2..];
                return (Comparator)index;
            }
        }

        return Comparator.Eq;
    }

    /// <summary>A token value: <c>[code]</c>, <c>[system]|[code]</c>, <c>|[code]</c> or <c>[system]|</c>.</summary>
    public static TokenPredicate? Token(string value)
    {
        var parts = Split(value, '|');
        if (parts.Count == 1)
        {
            return parts[0].Length == 0 ? null : new TokenPredicate(TokenSystemMatch.Any, null, Unescape(parts[0]));
        }

        if (parts.Count != 2 || (parts[0].Length == 0 && parts[1].Length == 0))
        {
            return null;
        }

        var code = parts[1].Length == 0 ? null : Unescape(parts[1]);
        return parts[0].Length == 0
            ? new TokenPredicate(TokenSystemMatch.None, null, code)
            : new TokenPredicate(TokenSystemMatch.Equals, Unescape(parts[0]), code);
    }

    /// <summary>A date value with its prefix; <c>ap</c> widens the range by a tenth of its distance from now.</summary>
    public static DatePredicate? Date(string value, DateTimeOffset now)
    {
        // A '+' of a timezone that was not percent-encoded arrives as a space (form decoding); read it as meant.
        value = value.Replace(' ', '+');
        var comparator = TakePrefix(ref value);
        if (!FhirDateRange.TryParse(value, out var low, out var high))
        {
            return null;
        }

        if (comparator == Comparator.Ap)
        {
            // https://hl7.org/fhir/R4/search.html#prefix: "approximately" is the server's choice; a tenth of the
            // distance from now, and at least the value's own range.
            var gap = TimeSpan.FromTicks(Math.Abs((now - low).Ticks) / 10);
            low = low.UtcTicks - FhirDateRange.Min.UtcTicks > gap.Ticks ? low - gap : FhirDateRange.Min;
            high = FhirDateRange.Max.UtcTicks - high.UtcTicks > gap.Ticks ? high + gap : FhirDateRange.Max;
        }

        return new DatePredicate(comparator, low, high);
    }

    /// <summary>
    /// A number with its prefix. The range of eq and ne is what the value's precision implies
    /// (<c>100</c> is [99.5, 100.5), <c>1e2</c> is [50, 150)); ap is a tenth either side.
    /// </summary>
    public static NumberPredicate? Number(string value)
    {
        var comparator = TakePrefix(ref value);
        if (!TryNumber(value, out var number, out var half))
        {
            return null;
        }

        var (low, high) = comparator == Comparator.Ap
            ? (number - Math.Max(Math.Abs(number) / 10, half), number + Math.Max(Math.Abs(number) / 10, half))
            : (number - half, number + half);
        return new NumberPredicate(comparator, number, low, high);
    }

    /// <summary>
    /// A quantity <c>[prefix][number]|[system]|[code]</c> (https://hl7.org/fhir/R4/search.html#quantity). A UCUM unit
    /// the gateway converts is searched in canonical units (<paramref name="canonical"/> true: the predicate is for the
    /// rows in canonical units, <see cref="IndexRowWriter.CanonicalSuffix"/>), so <c>5000|http://unitsofmeasure.org|mg</c>
    /// finds 5 g. Without a unit (a number alone, or a system with no code) the value is compared as recorded.
    /// </summary>
    public static NumberPredicate? Quantity(string value, out bool canonical)
    {
        canonical = false;
        var parts = Split(value, '|');
        if (parts.Count is not (1 or 3) || Number(parts[0]) is not { } number)
        {
            return null;
        }

        if (parts.Count == 1)
        {
            return number;
        }

        var system = parts[1].Length == 0 ? null : Unescape(parts[1]);
        var code = parts[2].Length == 0 ? null : Unescape(parts[2]);
        if (system == IndexRowWriter.Ucum && code is not null &&
            UcumCanonical.TryCanonicalize(number.Value, code, out var value1, out var unit) &&
            UcumCanonical.TryCanonicalize(number.Low, code, out var low, out _) &&
            UcumCanonical.TryCanonicalize(number.High, code, out var high, out _))
        {
            canonical = true;
            return new NumberPredicate(number.Comparator, value1, low, high) { System = system, Code = unit };
        }

        return number with { System = system, Code = code };
    }

    private static bool TryNumber(string text, out decimal value, out decimal half)
    {
        half = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // Half a unit of the last digit given: the precision of https://hl7.org/fhir/R4/search.html#number.
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : mantissa.Length - point - 1;
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var scale = exponent - decimals;
        if (scale is < -27 or > 27)
        {
            return false;
        }

        half = 0.5m;
        for (var i = 0; i < Math.Abs(scale); i++)
        {
            half = scale < 0 ? half / 10 : half * 10;
        }

        return true;
    }
}
