using System.Globalization;
using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// lowBoundary(), highBoundary(), precision() and comparable() of FHIRPath 2.1
/// (https://hl7.org/fhirpath/2.1.0/#lowboundaryprecision-integer-decimal--date--datetime--time), which the
/// R4 tests use. Precision is the number of digits: decimal places for decimals, 4/6/8/10/12/14/17 for
/// date-times, 2/4/6/9 for times. A precision outside what a type (or .NET decimal, 28 places) can hold is empty.
/// </summary>
internal static class BoundaryFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("lowBoundary", 0, 1, (in FunctionCall c, List<object> o) => Boundary(c, o, high: false), ResultKind.Input);
        t.Add("highBoundary", 0, 1, (in FunctionCall c, List<object> o) => Boundary(c, o, high: true), ResultKind.Input);
        t.Add("precision", 0, 0, Precision, ResultKind.Integer);
        t.Add("comparable", 1, 1, Comparable, ResultKind.Boolean);
    }

    private static void Boundary(in FunctionCall call, List<object> output, bool high)
    {
        var item = call.InputItem();
        if (item is null)
        {
            return;
        }

        var precision = call.Args.Length > 0 ? call.IntegerArg(0) : null;
        if (call.Args.Length > 0 && precision is null)
        {
            return;
        }

        object? result = SystemValue.Of(item) switch
        {
            long l => DecimalBoundary(l, (int?)precision ?? 8, high),
            decimal d => DecimalBoundary(d, (int?)precision ?? 8, high),
            Quantity q => DecimalBoundary(q.Value, (int?)precision ?? 8, high) is { } v ? new Quantity(v, q.Unit, q.IsCalendarKeyword) : null,
            PartialDate d => DateBoundary(d.ToPartialDateTime(), (int?)precision ?? 8, high, maxDigits: 8)?.ToPartialDate(),
            PartialDateTime dt => DateBoundary(dt, (int?)precision ?? 17, high, maxDigits: 17),
            PartialTime tm => TimeBoundary(tm, (int?)precision ?? 9, high),
            _ => throw call.Error($"expects a Decimal, Date, DateTime, Time or Quantity, not {SystemValue.Describe(item)}"),
        };

        if (result is not null)
        {
            output.Add(result);
        }
    }

    /// <summary>
    /// The value's range is half a unit of its last digit either side; the low end is cut to the precision,
    /// the high end rounded (half up). Negative values mirror positive ones, keeping the sign even at zero.
    /// </summary>
    private static decimal? DecimalBoundary(decimal value, int precision, bool high)
    {
        if (precision is < 0 or > 28)
        {
            return null;
        }

        if (value < 0)
        {
            var mirrored = DecimalBoundary(-value, precision, !high);
            return mirrored is null ? null : decimal.Negate(mirrored.Value);
        }

        var half = 0.5m / Pow10(value.Scale);
        try
        {
            var bound = high ? value + half : value - half;
            var cut = high
                ? decimal.Round(bound, precision, MidpointRounding.AwayFromZero)
                : decimal.Round(bound, precision, MidpointRounding.ToZero);
            return WithScale(cut, precision);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal Pow10(int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal WithScale(decimal value, int scale) =>
        decimal.Parse(value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateTimePrecision? DatePrecision(int digits) => digits switch
    {
        4 => DateTimePrecision.Year,
        6 => DateTimePrecision.Month,
        8 => DateTimePrecision.Day,
        10 => DateTimePrecision.Hour,
        12 => DateTimePrecision.Minute,
        14 => DateTimePrecision.Second,
        17 => DateTimePrecision.Millisecond,
        _ => null,
    };

    /// <summary>
    /// Fills the parts the value does not have with their least (or greatest) values; a date-time that gets a time
    /// but has no offset takes the extreme offset (+14:00 low, -12:00 high). An hour alone is read as that hour and
    /// zero minutes, as the R4 tests expect (<c>@2014-01-01T08.highBoundary(17)</c> is <c>08:00:59.999-12:00</c>).
    /// </summary>
    private static PartialDateTime? DateBoundary(PartialDateTime value, int digits, bool high, int maxDigits)
    {
        if (digits > maxDigits || DatePrecision(digits) is not { } target)
        {
            return null;
        }

        var known = value.Precision == DateTimePrecision.Hour ? DateTimePrecision.Minute : value.Precision;
        var year = value.Year;
        var month = known >= DateTimePrecision.Month ? value.Month ?? 1 : high ? 12 : 1;
        var day = known >= DateTimePrecision.Day ? value.Day ?? 1 : high ? DateTime.DaysInMonth(year, month) : 1;
        var hour = known >= DateTimePrecision.Hour ? value.Hour ?? 0 : high ? 23 : 0;
        var minute = known >= DateTimePrecision.Minute ? value.Minute ?? 0 : high ? 59 : 0;
        var second = known >= DateTimePrecision.Second ? value.Second ?? 0 : high ? 59 : 0;
        var ticks = known >= DateTimePrecision.Millisecond ? value.FractionTicks : high ? 9_990_000 : 0;
        var digitsOfFraction = known >= DateTimePrecision.Millisecond ? value.FractionDigits : (byte)3;
        var hasOffset = value.HasOffset || target >= DateTimePrecision.Hour;
        var offset = value.HasOffset ? value.OffsetMinutes : (short)(high ? -12 * 60 : 14 * 60);
        return new PartialDateTime(year, month, day, hour, minute, second, ticks, digitsOfFraction, target, hasOffset && target >= DateTimePrecision.Hour, offset);
    }

    private static PartialTime? TimeBoundary(PartialTime value, int digits, bool high)
    {
        DateTimePrecision? target = digits switch
        {
            2 => DateTimePrecision.Hour,
            4 => DateTimePrecision.Minute,
            6 => DateTimePrecision.Second,
            9 => DateTimePrecision.Millisecond,
            _ => null,
        };
        if (target is null)
        {
            return null;
        }

        var minute = value.Minute ?? (high ? 59 : 0);
        var second = value.Second ?? (high ? 59 : 0);
        var ticks = value.Precision >= DateTimePrecision.Millisecond ? value.FractionTicks : high ? 9_990_000 : 0;
        var fractionDigits = value.Precision >= DateTimePrecision.Millisecond ? value.FractionDigits : (byte)3;
        return new PartialTime(value.Hour, minute, second, ticks, fractionDigits, target.Value);
    }

    // Digits of precision (https://hl7.org/fhirpath/2.1.0/#precision--integer).
    private static void Precision(in FunctionCall call, List<object> output)
    {
        var item = call.InputItem();
        if (item is null)
        {
            return;
        }

        int? digits = SystemValue.Of(item) switch
        {
            long => 0,
            decimal d => d.Scale,
            PartialDate d => d.Precision switch
            {
                DateTimePrecision.Year => 4,
                DateTimePrecision.Month => 6,
                _ => 8,
            },
            PartialDateTime dt => dt.Precision switch
            {
                DateTimePrecision.Year => 4,
                DateTimePrecision.Month => 6,
                DateTimePrecision.Day => 8,
                DateTimePrecision.Hour => 10,
                DateTimePrecision.Minute => 12,
                DateTimePrecision.Second => 14,
                _ => 17,
            },
            PartialTime t => t.Precision switch
            {
                DateTimePrecision.Hour => 2,
                DateTimePrecision.Minute => 4,
                DateTimePrecision.Second => 6,
                _ => 9,
            },
            _ => throw call.Error($"expects a Decimal, Date, DateTime or Time, not {SystemValue.Describe(item)}"),
        };

        output.Add(Boxes.Integer(digits.Value));
    }

    private static void Comparable(in FunctionCall call, List<object> output)
    {
        var item = call.InputItem();
        var other = call.Arg(0);
        if (item is null || other is null)
        {
            return;
        }

        if (SystemValue.Of(item) is not Quantity a || SystemValue.Of(other) is not Quantity b)
        {
            throw call.Error("expects Quantities");
        }

        output.Add(Boxes.Bool(QuantityMath.Comparable(a, b)));
    }
}
