using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// The ordering behind <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c> and <c>sort()</c>
/// (https://hl7.org/fhirpath/N1/#comparison): strings, numbers, quantities, dates, date-times and times.
/// </summary>
internal static class Ordering
{
    /// <summary>
    /// -1, 0 or 1; null when the answer is unknown (partial precision, units that do not convert). Throws when the
    /// items are of types that cannot be compared.
    /// </summary>
    public static int? Compare(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        int? result = (a, b) switch
        {
            (string sa, string sb) => Sign(string.CompareOrdinal(sa, sb)),
            (long la, long lb) => la.CompareTo(lb),
            (long la, decimal db) => ((decimal)la).CompareTo(db),
            (decimal da, long lb) => da.CompareTo(lb),
            (decimal da, decimal db) => da.CompareTo(db),
            (Quantity qa, Quantity qb) => QuantityMath.Compare(qa, qb),
            (Quantity qa, long lb) => QuantityMath.Compare(qa, new Quantity(lb, "1")),
            (Quantity qa, decimal db) => QuantityMath.Compare(qa, new Quantity(db, "1")),
            (long la, Quantity qb) => QuantityMath.Compare(new Quantity(la, "1"), qb),
            (decimal da, Quantity qb) => QuantityMath.Compare(new Quantity(da, "1"), qb),
            (PartialDate da, PartialDate db) => TemporalMath.Compare(da, db),
            (PartialDate da, PartialDateTime db) => TemporalMath.Compare(da.ToPartialDateTime(), db),
            (PartialDateTime da, PartialDate db) => TemporalMath.Compare(da, db.ToPartialDateTime()),
            (PartialDateTime da, PartialDateTime db) => TemporalMath.Compare(da, db),
            (PartialTime ta, PartialTime tb) => TemporalMath.Compare(ta, tb),
            _ => throw new FhirPathEvaluationException($"Cannot compare {SystemValue.Describe(left)} with {SystemValue.Describe(right)}", position),
        };

        return result is null ? null : Sign(result.Value);
    }

    private static int Sign(int value) => value < 0 ? -1 : value > 0 ? 1 : 0;
}
