using System.Collections.Concurrent;
using System.Globalization;

namespace FhirGateway.FhirPath.Units;

/// <summary>
/// Parses UCUM unit expressions (https://ucum.org/ucum#section-Syntax-Rules: products with <c>.</c>,
/// quotients with <c>/</c>, integer exponents, parentheses, annotations in braces, integer factors and
/// <c>10*n</c>) into a <see cref="UnitForm"/> over the atoms of <see cref="UcumAtoms"/>. Results are cached.
/// </summary>
internal static class Ucum
{
    private const int MaxCacheSize = 2048;
    private static readonly ConcurrentDictionary<string, UnitForm?> Cache = new(StringComparer.Ordinal);

    /// <summary>The form of a unit expression, or null when it is not one this engine can convert.</summary>
    public static UnitForm? Parse(string unit)
    {
        if (Cache.TryGetValue(unit, out var cached))
        {
            return cached;
        }

        UnitForm? form;
        try
        {
            var pos = 0;
            form = ParseTerm(unit, ref pos);
            if (pos != unit.Length)
            {
                form = null;
            }
        }
        catch (OverflowException)
        {
            form = null;
        }
        catch (DivideByZeroException)
        {
            form = null;
        }

        if (Cache.Count < MaxCacheSize)
        {
            Cache[unit] = form;
        }

        return form;
    }

    private static UnitForm? ParseTerm(string s, ref int pos)
    {
        UnitForm? result = UnitForm.Unity();
        var sign = 1;
        if (pos < s.Length && s[pos] == '/')
        {
            sign = -1;
            pos++;
        }

        var count = 0;
        while (true)
        {
            var component = ParseComponent(s, ref pos);
            if (component is null)
            {
                return null;
            }

            if (component.IsSpecial && (count > 0 || sign < 0 || (pos < s.Length && s[pos] is '.' or '/')))
            {
                // Cel and [degF] have no meaning in products (UCUM 4.3, special units).
                return null;
            }

            result = component.IsSpecial ? component : result.Multiply(component, sign);
            count++;
            if (pos >= s.Length || s[pos] == ')')
            {
                return result;
            }

            if (s[pos] is not ('.' or '/'))
            {
                return null;
            }

            sign = s[pos] == '.' ? 1 : -1;
            pos++;
        }
    }

    private static UnitForm? ParseComponent(string s, ref int pos)
    {
        if (pos >= s.Length)
        {
            return null;
        }

        if (s[pos] == '(')
        {
            pos++;
            var inner = ParseTerm(s, ref pos);
            if (inner is null || pos >= s.Length || s[pos] != ')')
            {
                return null;
            }

            pos++;
            var exponent = ReadExponent(s, ref pos);
            SkipAnnotation(s, ref pos);
            return exponent == 1 ? inner : inner.Power(exponent);
        }

        if (s[pos] == '{')
        {
            // An annotation on its own stands for the unity ("{cells}/uL").
            SkipAnnotation(s, ref pos);
            return UnitForm.Unity();
        }

        var start = pos;
        var depth = 0;
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0 && c is '.' or '/' or '(' or ')' or '{')
            {
                break;
            }

            pos++;
        }

        var run = s.AsSpan(start, pos - start);
        SkipAnnotation(s, ref pos);
        if (run.IsEmpty)
        {
            return null;
        }

        if (IsDigits(run))
        {
            return decimal.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var factor) ? UnitForm.Unity(factor) : null;
        }

        // A trailing signed integer outside brackets is the exponent: "m2", "s-1", "10*3".
        var end = run.Length;
        while (end > 0 && char.IsAsciiDigit(run[end - 1]))
        {
            end--;
        }

        var exp = 1;
        if (end < run.Length && end > 0)
        {
            if (run[end - 1] is '+' or '-')
            {
                end--;
            }

            if (end == 0 || !int.TryParse(run[end..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            {
                return null;
            }
        }

        var atom = Atom(run[..end].ToString());
        if (atom is null)
        {
            return null;
        }

        if (exp == 1)
        {
            return atom;
        }

        return atom.IsSpecial ? null : atom.Power(exp);
    }

    private static UnitForm? Atom(string code)
    {
        if (UcumAtoms.Atoms.TryGetValue(code, out var exact))
        {
            return exact.Form;
        }

        // Two-letter prefix ("da") first, then one letter.
        for (var len = Math.Min(2, code.Length - 1); len >= 1; len--)
        {
            if (UcumAtoms.Prefixes.TryGetValue(code[..len], out var factor) &&
                UcumAtoms.Atoms.TryGetValue(code[len..], out var atom) && atom.Metric && !atom.Form.IsSpecial)
            {
                return new UnitForm(atom.Form.Factor * factor, atom.Form.Dimensions, divisor: atom.Form.Divisor);
            }
        }

        return null;
    }

    private static int ReadExponent(string s, ref int pos)
    {
        var start = pos;
        if (pos < s.Length && s[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        return pos > start && int.TryParse(s.AsSpan(start, pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) ? e : 1;
    }

    private static void SkipAnnotation(string s, ref int pos)
    {
        if (pos < s.Length && s[pos] == '{')
        {
            var close = s.IndexOf('}', pos);
            pos = close < 0 ? s.Length : close + 1;
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
