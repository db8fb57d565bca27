using FhirGateway.FhirPath.Units;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// Comparison and arithmetic of partial dates, date-times and times.
/// Comparison goes precision by precision from the year (the hour for times): a difference decides, a precision
/// only one value has makes the result unknown (null), and seconds with their fraction are one precision
/// (https://hl7.org/fhirpath/N1/#datetime-equality, #comparison).
/// </summary>
internal static class TemporalMath
{
    // The widest offsets in use: a value without one could be anywhere between them.
    private const short EarliestOffset = 14 * 60;
    private const short LatestOffset = -12 * 60;

    public static int? Compare(PartialDate a, PartialDate b) => Compare(a.ToPartialDateTime(), b.ToPartialDateTime());

    public static int? Compare(PartialTime a, PartialTime b)
    {
        Span<decimal> x = stackalloc decimal[3];
        Span<decimal> y = stackalloc decimal[3];
        return CompareParts(x[..Parts(a, x)], y[..Parts(b, y)]);
    }

    /// <summary>
    /// Compares date-times. With offsets on both, both are taken to UTC. When only one has an offset (and both
    /// have a time), the other could be in any offset from +14:00 to -12:00: the result is known only if it is
    /// the same at both ends of that range (so <c>@2012-04-15T15:00:00Z = @2012-04-15T10:00:00</c> is empty).
    /// </summary>
    public static int? Compare(PartialDateTime a, PartialDateTime b)
    {
        if (a.HasTime && b.HasTime && a.HasOffset != b.HasOffset)
        {
            var early = CompareUtc(a.HasOffset ? a : WithOffset(a, EarliestOffset), b.HasOffset ? b : WithOffset(b, EarliestOffset));
            var late = CompareUtc(a.HasOffset ? a : WithOffset(a, LatestOffset), b.HasOffset ? b : WithOffset(b, LatestOffset));
            return early == late ? early : null;
        }

        return a.HasTime && b.HasTime && a.HasOffset ? CompareUtc(a, b) : CompareLocal(a, b);
    }

    private static PartialDateTime WithOffset(PartialDateTime v, short offset) =>
        new(v.Year, v.Month ?? 1, v.Day ?? 1, v.Hour ?? 0, v.Minute ?? 0, v.Second ?? 0, v.FractionTicks, v.FractionDigits, v.Precision, true, offset);

    private static int? CompareUtc(PartialDateTime a, PartialDateTime b) => CompareLocal(ToUtc(a), ToUtc(b));

    private static int? CompareLocal(PartialDateTime a, PartialDateTime b)
    {
        Span<decimal> x = stackalloc decimal[6];
        Span<decimal> y = stackalloc decimal[6];
        return CompareParts(x[..Parts(a, x)], y[..Parts(b, y)]);
    }

    /// <summary>The value in UTC, same precision; unchanged when it has no time or offset, or would leave the calendar.</summary>
    public static PartialDateTime ToUtc(PartialDateTime v)
    {
        if (!v.HasOffset || !v.HasTime || v.OffsetMinutes == 0)
        {
            return v;
        }

        try
        {
            var clock = v.ToClock().AddMinutes(-v.OffsetMinutes);
            return new PartialDateTime(clock.Year, clock.Month, clock.Day, clock.Hour, clock.Minute, clock.Second, v.FractionTicks, v.FractionDigits, v.Precision, true, 0);
        }
        catch (ArgumentOutOfRangeException)
        {
            return v;
        }
    }

    private static int? CompareParts(ReadOnlySpan<decimal> a, ReadOnlySpan<decimal> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c < 0 ? -1 : 1;
            }
        }

        return a.Length == b.Length ? 0 : null;
    }

    private static int Parts(PartialDateTime v, Span<decimal> parts)
    {
        parts[0] = v.Year;
        parts[1] = v.Month ?? 0;
        parts[2] = v.Day ?? 0;
        parts[3] = v.Hour ?? 0;
        parts[4] = v.Minute ?? 0;
        parts[5] = (v.Second ?? 0) + ((decimal)v.FractionTicks / TemporalText.TicksPerSecond);
        return v.Precision switch
        {
            DateTimePrecision.Year => 1,
            DateTimePrecision.Month => 2,
            DateTimePrecision.Day => 3,
            DateTimePrecision.Hour => 4,
            DateTimePrecision.Minute => 5,
            _ => 6,
        };
    }

    private static int Parts(PartialTime v, Span<decimal> parts)
    {
        parts[0] = v.Hour;
        parts[1] = v.Minute ?? 0;
        parts[2] = (v.Second ?? 0) + ((decimal)v.FractionTicks / TemporalText.TicksPerSecond);
        return v.Precision switch
        {
            DateTimePrecision.Hour => 1,
            DateTimePrecision.Minute => 2,
            _ => 3,
        };
    }

    /// <summary>
    /// Adds a time-valued quantity (https://hl7.org/fhirpath/N1/#datetime-arithmetic): calendar keywords and
    /// the UCUM definite durations up to a week; the value is truncated to a whole number, and a unit finer
    /// than the value's precision is converted to that precision first (<c>@2014 + 24 months</c> is <c>@2016</c>).
    /// </summary>
    public static object Add(object value, Quantity quantity, int sign, int position)
    {
        var unit = TimeUnit(quantity, position);
        long amount;
        try
        {
            amount = sign * (long)decimal.Truncate(quantity.Value);
        }
        catch (OverflowException)
        {
            throw new FhirPathEvaluationException("The quantity is too large for date/time arithmetic", position);
        }

        try
        {
            switch (value)
            {
                case PartialDate d:
                    return AddToDateTime(d.ToPartialDateTime(), unit, amount).ToPartialDate();
                case PartialDateTime dt:
                    return AddToDateTime(dt, unit, amount);
                case PartialTime t:
                    return AddToTime(t, unit, amount, position);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new FhirPathEvaluationException("The result of the date/time arithmetic is out of range", position);
        }

        throw new FhirPathEvaluationException("Date/time arithmetic needs a Date, DateTime or Time", position);
    }

    private static CalendarUnit TimeUnit(Quantity quantity, int position)
    {
        var unit = CalendarUnits.FromKeyword(quantity.Unit);
        if (unit != CalendarUnit.None)
        {
            return unit;
        }

        return quantity.Unit switch
        {
            "wk" => CalendarUnit.Week,
            "d" => CalendarUnit.Day,
            "h" => CalendarUnit.Hour,
            "min" => CalendarUnit.Minute,
            "s" => CalendarUnit.Second,
            "ms" => CalendarUnit.Millisecond,

            // 'a' and 'mo' are definite durations of varying calendar meaning: not allowed in date arithmetic.
            _ => throw new FhirPathEvaluationException($"'{quantity.Unit}' is not a time unit that date/time arithmetic can use", position),
        };
    }

    private static int Level(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Year => 0,
        CalendarUnit.Month => 1,
        CalendarUnit.Week or CalendarUnit.Day => 2,
        CalendarUnit.Hour => 3,
        CalendarUnit.Minute => 4,
        CalendarUnit.Second => 5,
        _ => 6,
    };

    private static int Level(DateTimePrecision precision) => precision switch
    {
        DateTimePrecision.Year => 0,
        DateTimePrecision.Month => 1,
        DateTimePrecision.Day => 2,
        DateTimePrecision.Hour => 3,
        DateTimePrecision.Minute => 4,
        DateTimePrecision.Second => 5,
        _ => 6,
    };

    private static CalendarUnit UnitOf(int level) => level switch
    {
        0 => CalendarUnit.Year,
        1 => CalendarUnit.Month,
        2 => CalendarUnit.Day,
        3 => CalendarUnit.Hour,
        4 => CalendarUnit.Minute,
        5 => CalendarUnit.Second,
        _ => CalendarUnit.Millisecond,
    };

    // Calendar conversion factors of https://hl7.org/fhirpath/N1/#toquantityunit--string--quantity, in milliseconds.
    private static decimal Milliseconds(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Year => 365m * 86_400_000,
        CalendarUnit.Month => 30m * 86_400_000,
        CalendarUnit.Week => 7m * 86_400_000,
        CalendarUnit.Day => 86_400_000m,
        CalendarUnit.Hour => 3_600_000m,
        CalendarUnit.Minute => 60_000m,
        CalendarUnit.Second => 1000m,
        _ => 1m,
    };

    private static (CalendarUnit Unit, long Amount) ToPrecision(CalendarUnit unit, long amount, int level)
    {
        if (Level(unit) <= level)
        {
            return (unit, amount);
        }

        var target = UnitOf(level);
        if (unit == CalendarUnit.Month && target == CalendarUnit.Year)
        {
            return (target, amount / 12);
        }

        return (target, (long)decimal.Truncate(amount * Milliseconds(unit) / Milliseconds(target)));
    }

    private static PartialDateTime AddToDateTime(PartialDateTime value, CalendarUnit unit, long amount)
    {
        (unit, amount) = ToPrecision(unit, amount, Level(value.Precision));
        var clock = value.ToClock();
        clock = unit switch
        {
            CalendarUnit.Year => clock.AddYears(checked((int)amount)),
            CalendarUnit.Month => clock.AddMonths(checked((int)amount)),
            CalendarUnit.Week => clock.AddDays(amount * 7),
            CalendarUnit.Day => clock.AddDays(amount),
            CalendarUnit.Hour => clock.AddHours(amount),
            CalendarUnit.Minute => clock.AddMinutes(amount),
            CalendarUnit.Second => clock.AddSeconds(amount),
            _ => clock.AddMilliseconds(amount),
        };

        return value.With(clock);
    }

    private static PartialTime AddToTime(PartialTime value, CalendarUnit unit, long amount, int position)
    {
        if (Level(unit) < 3)
        {
            throw new FhirPathEvaluationException("Only hours, minutes, seconds and milliseconds can be added to a Time", position);
        }

        (unit, amount) = ToPrecision(unit, amount, Level(value.Precision));
        var ticks = (((value.Hour * 60L) + (value.Minute ?? 0)) * 60 + (value.Second ?? 0)) * TimeSpan.TicksPerSecond + value.FractionTicks;
        ticks += (long)(amount * Milliseconds(unit) * TimeSpan.TicksPerMillisecond);
        ticks %= TimeSpan.TicksPerDay;
        if (ticks < 0)
        {
            ticks += TimeSpan.TicksPerDay;
        }

        var t = new TimeSpan(ticks);
        return new PartialTime(t.Hours, t.Minutes, t.Seconds, (int)(ticks % TimeSpan.TicksPerSecond), value.FractionDigits, value.Precision);
    }
}
