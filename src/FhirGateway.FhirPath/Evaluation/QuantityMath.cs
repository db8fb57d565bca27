using FhirGateway.FhirPath.Units;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// Equality, comparison and arithmetic of quantities with unit conversion
/// (https://hl7.org/fhirpath/N1/#quantity-equality, #comparison and #math-1). Units that are written the same
/// always compare; other units compare when both convert (see <see cref="UcumAtoms"/>) to the same dimensions;
/// otherwise the result is empty.
/// </summary>
internal static class QuantityMath
{
    public static CalendarUnit Calendar(Quantity q) => CalendarUnits.FromKeyword(q.Unit);

    public static UnitForm? FormOf(Quantity q)
    {
        var calendar = Calendar(q);
        return calendar != CalendarUnit.None ? CalendarUnits.Form(calendar) : Ucum.Parse(q.Unit);
    }

    private static bool SameUnit(Quantity a, Quantity b)
    {
        var ca = Calendar(a);
        var cb = Calendar(b);
        return ca != CalendarUnit.None || cb != CalendarUnit.None ? ca == cb : string.Equals(a.Unit, b.Unit, StringComparison.Ordinal);
    }

    private static bool TryBaseValues(Quantity a, Quantity b, out decimal x, out decimal y)
    {
        x = y = 0;
        var fa = FormOf(a);
        var fb = FormOf(b);
        if (fa is null || fb is null || !fa.SameDimensions(fb))
        {
            return false;
        }

        try
        {
            x = fa.ToBase(a.Value);
            y = fb.ToBase(b.Value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static bool? Equal(Quantity a, Quantity b)
    {
        if (SameUnit(a, b))
        {
            return a.Value == b.Value;
        }

        return TryBaseValues(a, b, out var x, out var y) ? SameValue(x, y) : null;
    }

    /// <summary>
    /// Values converted through different factors can differ in the last of decimal's 28 digits; they count as the
    /// same when they agree to 20 significant digits.
    /// </summary>
    private static bool SameValue(decimal x, decimal y) =>
        x == y || Math.Abs(x - y) <= Math.Max(Math.Abs(x), Math.Abs(y)) * 1e-20m;

    public static bool Equivalent(Quantity a, Quantity b)
    {
        if (SameUnit(a, b))
        {
            return DecimalMath.Equivalent(a.Value, b.Value);
        }

        // Calendar years and months are equivalent to their UCUM counterparts (1 year ~ 1 'a').
        var ua = Calendar(a) is CalendarUnit.Year or CalendarUnit.Month ? new Quantity(a.Value, CalendarUnits.UcumCode(Calendar(a))) : a;
        var ub = Calendar(b) is CalendarUnit.Year or CalendarUnit.Month ? new Quantity(b.Value, CalendarUnits.UcumCode(Calendar(b))) : b;
        return TryBaseValues(ua, ub, out var x, out var y) && DecimalMath.Equivalent(x, y);
    }

    public static int? Compare(Quantity a, Quantity b)
    {
        if (SameUnit(a, b))
        {
            return a.Value.CompareTo(b.Value);
        }

        return TryBaseValues(a, b, out var x, out var y) ? (SameValue(x, y) ? 0 : x.CompareTo(y)) : null;
    }

    /// <summary>Whether the two units convert to each other (https://hl7.org/fhirpath/N1/ comparable()).</summary>
    public static bool Comparable(Quantity a, Quantity b)
    {
        if (SameUnit(a, b))
        {
            return true;
        }

        var fa = FormOf(a);
        var fb = FormOf(b);
        return fa is not null && fb is not null && fa.SameDimensions(fb);
    }

    /// <summary>Sum or difference; the result takes the finer of the two units. Null when the units do not convert.</summary>
    public static Quantity? Add(Quantity a, Quantity b, int sign)
    {
        if (SameUnit(a, b))
        {
            return new Quantity(a.Value + (sign * b.Value), a.Unit, a.IsCalendarKeyword);
        }

        var fa = FormOf(a);
        var fb = FormOf(b);
        if (fa is null || fb is null || !fa.SameDimensions(fb) || fa.IsSpecial || fb.IsSpecial)
        {
            return null;
        }

        // "3 'm' + 3 'cm'" is 303 'cm': the result is in the more granular unit.
        return fa.Scale <= fb.Scale
            ? new Quantity(a.Value + (sign * fa.FromBase(fb.ToBase(b.Value))), a.Unit, a.IsCalendarKeyword)
            : new Quantity(fb.FromBase(fa.ToBase(a.Value)) + (sign * b.Value), b.Unit, b.IsCalendarKeyword);
    }

    /// <summary>The product; null for the temperature scales, which have no products (UCUM 4.3).</summary>
    public static Quantity? Multiply(Quantity a, Quantity b) =>
        IsSpecial(a) || IsSpecial(b) ? null : new Quantity(a.Value * b.Value, CombineUnits(UcumUnit(a), UcumUnit(b), '.'));

    public static Quantity? Divide(Quantity a, Quantity b)
    {
        if (b.Value == 0 || IsSpecial(a) || IsSpecial(b))
        {
            return null;
        }

        var ua = UcumUnit(a);
        var ub = UcumUnit(b);
        return new Quantity(a.Value / b.Value, string.Equals(ua, ub, StringComparison.Ordinal) ? "1" : CombineUnits(ua, ub, '/'));
    }

    /// <summary>The quantity in another unit, when the units convert.</summary>
    public static bool TryConvert(Quantity q, string unit, out Quantity result)
    {
        var target = new Quantity(0, unit, CalendarUnits.FromKeyword(unit) != CalendarUnit.None);
        result = q;
        if (SameUnit(q, target))
        {
            result = new Quantity(q.Value, unit, target.IsCalendarKeyword);
            return true;
        }

        var from = FormOf(q);
        var to = FormOf(target);
        if (from is null || to is null || !from.SameDimensions(to))
        {
            return false;
        }

        try
        {
            result = new Quantity(to.FromBase(from.ToBase(q.Value)), unit, target.IsCalendarKeyword);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool IsSpecial(Quantity q) => FormOf(q) is { IsSpecial: true };

    private static string UcumUnit(Quantity q)
    {
        var calendar = Calendar(q);
        return calendar == CalendarUnit.None ? q.Unit : CalendarUnits.UcumCode(calendar);
    }

    /// <summary>
    /// The unit of a product or quotient. Powers of one unit combine (<c>'cm' * 'cm'</c> is <c>'cm2'</c>,
    /// <c>'cm2' / 'cm'</c> is <c>'cm'</c>, https://hl7.org/fhirpath/N1/#-multiplication); other units are joined
    /// with UCUM's <c>.</c> and <c>/</c>.
    /// </summary>
    private static string CombineUnits(string a, string b, char op)
    {
        if (SimpleUnit(a, out var atomA, out var expA) && SimpleUnit(b, out var atomB, out var expB) && atomA == atomB)
        {
            var exponent = op == '.' ? expA + expB : expA - expB;
            return exponent switch
            {
                0 => "1",
                1 => atomA,
                _ => atomA + exponent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        if (b == "1")
        {
            return a;
        }

        if (a == "1" && op == '.')
        {
            return b;
        }

        var right = b.Contains('.', StringComparison.Ordinal) || b.Contains('/', StringComparison.Ordinal) ? "(" + b + ")" : b;
        var left = a.Contains('/', StringComparison.Ordinal) ? "(" + a + ")" : a;
        return a == "1" ? "/" + right : left + op + right;
    }

    /// <summary>An atom (possibly prefixed) with an optional integer exponent, such as <c>cm2</c> or <c>s-1</c>.</summary>
    private static bool SimpleUnit(string unit, out string atom, out int exponent)
    {
        atom = unit;
        exponent = 1;
        var end = unit.Length;
        while (end > 0 && char.IsAsciiDigit(unit[end - 1]))
        {
            end--;
        }

        if (end < unit.Length)
        {
            if (end > 0 && unit[end - 1] == '-')
            {
                end--;
            }

            if (end == 0 || !int.TryParse(unit.AsSpan(end), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            atom = unit[..end];
        }

        return atom.Length > 0 && !char.IsAsciiDigit(atom[0]) && atom.IndexOfAny(['.', '/', '(', ')', '{', '*', '^']) < 0;
    }
}
