using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Values;
using Quantity = FhirGateway.FhirPath.Values.Quantity;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// The equality (<c>=</c>) and equivalence (<c>~</c>) of https://hl7.org/fhirpath/N1/#equality, on items and
/// on collections. Items are compared after implicit conversion (Integer to Decimal, Date to DateTime, FHIR
/// primitives to their System type); items of unrelated types are not equal.
/// </summary>
internal static class Equality
{
    /// <summary>Item equality: true, false, or null when it cannot be decided (partial date/time precision, units that do not convert).</summary>
    public static bool? AreEqual(object left, object right)
    {
        if (ReferenceEquals(left, right) && left is ElementNode)
        {
            return true;
        }

        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        switch (a)
        {
            case ElementNode na:
                return b is ElementNode nb ? NodesEqual(na, nb) : false;
            case string sa:
                return b is string sb ? string.Equals(sa, sb, StringComparison.Ordinal) : false;
            case bool ba:
                return b is bool bb ? ba == bb : false;
            case long la:
                return b switch
                {
                    long lb => la == lb,
                    decimal db => la == db,
                    Quantity qb => QuantityMath.Equal(new Quantity(la, "1"), qb),
                    _ => false,
                };
            case decimal da:
                return b switch
                {
                    long lb => da == lb,
                    decimal db => da == db,
                    Quantity qb => QuantityMath.Equal(new Quantity(da, "1"), qb),
                    _ => false,
                };
            case Quantity qa:
                return b switch
                {
                    Quantity qb => QuantityMath.Equal(qa, qb),
                    long lb => QuantityMath.Equal(qa, new Quantity(lb, "1")),
                    decimal db => QuantityMath.Equal(qa, new Quantity(db, "1")),
                    _ => false,
                };
            case PartialDate pa:
                return b switch
                {
                    PartialDate pb => IsZero(TemporalMath.Compare(pa, pb)),
                    PartialDateTime pb => IsZero(TemporalMath.Compare(pa.ToPartialDateTime(), pb)),
                    _ => false,
                };
            case PartialDateTime pa:
                return b switch
                {
                    PartialDateTime pb => IsZero(TemporalMath.Compare(pa, pb)),
                    PartialDate pb => IsZero(TemporalMath.Compare(pa, pb.ToPartialDateTime())),
                    _ => false,
                };
            case PartialTime ta:
                return b is PartialTime tb ? IsZero(TemporalMath.Compare(ta, tb)) : false;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>Item equivalence: never unknown.</summary>
    public static bool AreEquivalent(object left, object right)
    {
        if (ReferenceEquals(left, right) && left is ElementNode)
        {
            return true;
        }

        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case ElementNode na:
                return b is ElementNode nb && NodesEquivalent(na, nb);
            case string sa:
                return b is string sb && StringsEquivalent(sa, sb);
            case bool ba:
                return b is bool bb && ba == bb;
            case long or decimal when b is long or decimal:
                return DecimalMath.Equivalent(ToDecimal(a), ToDecimal(b));
            case Quantity qa:
                return b switch
                {
                    Quantity qb => QuantityMath.Equivalent(qa, qb),
                    long or decimal => QuantityMath.Equivalent(qa, new Quantity(ToDecimal(b), "1")),
                    _ => false,
                };
            case long or decimal when b is Quantity qb:
                return QuantityMath.Equivalent(new Quantity(ToDecimal(a), "1"), qb);
            case PartialDate pa:
                return b switch
                {
                    PartialDate pb => TemporalMath.Compare(pa, pb) == 0,
                    PartialDateTime pb => TemporalMath.Compare(pa.ToPartialDateTime(), pb) == 0,
                    _ => false,
                };
            case PartialDateTime pa:
                return b switch
                {
                    PartialDateTime pb => TemporalMath.Compare(pa, pb) == 0,
                    PartialDate pb => TemporalMath.Compare(pa, pb.ToPartialDateTime()) == 0,
                    _ => false,
                };
            case PartialTime ta:
                return b is PartialTime tb && TemporalMath.Compare(ta, tb) == 0;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>Collection equality: empty if either is empty, false on different counts, else item by item in order.</summary>
    public static bool? CollectionsEqual(List<object> left, List<object> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return null;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        bool? result = true;
        for (var i = 0; i < left.Count; i++)
        {
            var e = AreEqual(left[i], right[i]);
            if (e == false)
            {
                return false;
            }

            if (e is null)
            {
                result = null;
            }
        }

        return result;
    }

    /// <summary>Collection equivalence: order does not matter; two empty collections are equivalent.</summary>
    public static bool CollectionsEquivalent(List<object> left, List<object> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        if (left.Count == 1)
        {
            return AreEquivalent(left[0], right[0]);
        }

        var used = left.Count <= 64 ? stackalloc bool[left.Count] : new bool[left.Count];
        foreach (var item in left)
        {
            var found = false;
            for (var j = 0; j < right.Count; j++)
            {
                if (!used[j] && AreEquivalent(item, right[j]))
                {
                    used[j] = true;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="item"/> equals (<c>=</c> is true) any item of <paramref name="items"/> from <paramref name="start"/> (up to <paramref name="end"/>).</summary>
    public static bool ContainsEqual(List<object> items, object item, int start = 0, int end = -1)
    {
        var stop = end < 0 ? items.Count : end;
        for (var i = start; i < stop; i++)
        {
            if (ReferenceEquals(items[i], item) || AreEqual(items[i], item) == true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>https://hl7.org/fhirpath/N1/#string-equivalence: case-insensitive, whitespace normalized.</summary>
    public static bool StringsEquivalent(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string s)
    {
        var needs = false;
        for (var i = 0; i < s.Length && !needs; i++)
        {
            needs = char.IsWhiteSpace(s[i]) && (s[i] != ' ' || i == 0 || i == s.Length - 1 || char.IsWhiteSpace(s[i + 1]));
        }

        if (!needs)
        {
            return s;
        }

        return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static decimal ToDecimal(object value) => value is long l ? l : (decimal)value;

    private static bool? IsZero(int? comparison) => comparison is null ? null : comparison == 0;

    /// <summary>Complex values are equal when their children are, recursively and in order.</summary>
    private static bool? NodesEqual(ElementNode a, ElementNode b)
    {
        if (a.ChildCount != b.ChildCount)
        {
            return false;
        }

        bool? result = true;
        for (var i = 0; i < a.ChildCount; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (!string.Equals(ca.Name, cb.Name, StringComparison.Ordinal))
            {
                return false;
            }

            var e = ca.Type.IsPrimitive && cb.Type.IsPrimitive
                ? PrimitiveNodesEqual(ca, cb)
                : AreEqual(ca, cb);
            if (e == false)
            {
                return false;
            }

            if (e is null)
            {
                result = null;
            }
        }

        return result;
    }

    private static bool? PrimitiveNodesEqual(ElementNode a, ElementNode b)
    {
        if (a.Value is null || b.Value is null)
        {
            return a.Value is null && b.Value is null ? NodesEqual(a, b) : false;
        }

        var e = AreEqual(a, b);
        return e == true && a.ChildCount + b.ChildCount > 0 ? NodesEqual(a, b) : e;
    }

    private static bool NodesEquivalent(ElementNode a, ElementNode b)
    {
        if (a.ChildCount != b.ChildCount)
        {
            return false;
        }

        for (var i = 0; i < a.ChildCount; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (!string.Equals(ca.Name, cb.Name, StringComparison.Ordinal))
            {
                return false;
            }

            if (ca.Type.IsPrimitive && cb.Type.IsPrimitive)
            {
                if ((ca.Value is null) != (cb.Value is null) || (ca.Value is not null && !AreEquivalent(ca, cb)) || !NodesEquivalent(ca, cb))
                {
                    return false;
                }
            }
            else if (!AreEquivalent(ca, cb))
            {
                return false;
            }
        }

        return true;
    }
}
