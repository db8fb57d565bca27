using System.Text;

namespace FhirGateway.FhirPath.Values;

/// <summary>
/// A FHIRPath <c>System.DateTime</c>: a date and time to any precision from year to fraction of a second,
/// with an optional timezone offset (https://hl7.org/fhirpath/N1/#datetime). FHIR <c>dateTime</c> and
/// <c>instant</c> values read as this type.
/// </summary>
public readonly struct PartialDateTime : IEquatable<PartialDateTime>
{
    private readonly short _year;
    private readonly byte _month;
    private readonly byte _day;
    private readonly byte _hour;
    private readonly byte _minute;
    private readonly byte _second;

    internal PartialDateTime(int year, int month, int day, int hour, int minute, int second, int fractionTicks, byte fractionDigits, DateTimePrecision precision, bool hasOffset, short offsetMinutes)
    {
        _year = (short)year;
        _month = (byte)month;
        _day = (byte)day;
        _hour = (byte)hour;
        _minute = (byte)minute;
        _second = (byte)second;
        FractionTicks = fractionTicks;
        FractionDigits = fractionDigits;
        Precision = precision;
        HasOffset = hasOffset;
        OffsetMinutes = offsetMinutes;
    }

    /// <summary>The year.</summary>
    public int Year => _year;

    /// <summary>The month, when known.</summary>
    public int? Month => Precision >= DateTimePrecision.Month ? _month : null;

    /// <summary>The day, when known.</summary>
    public int? Day => Precision >= DateTimePrecision.Day ? _day : null;

    /// <summary>The hour, when known.</summary>
    public int? Hour => Precision >= DateTimePrecision.Hour ? _hour : null;

    /// <summary>The minute, when known.</summary>
    public int? Minute => Precision >= DateTimePrecision.Minute ? _minute : null;

    /// <summary>The second, when known.</summary>
    public int? Second => Precision >= DateTimePrecision.Second ? _second : null;

    /// <summary>The millisecond, when a fraction was given.</summary>
    public int? Millisecond => Precision >= DateTimePrecision.Millisecond ? FractionTicks / 10_000 : null;

    /// <summary>The timezone offset, when one was given.</summary>
    public TimeSpan? Offset => HasOffset ? TimeSpan.FromMinutes(OffsetMinutes) : null;

    /// <summary>How much of the value is known.</summary>
    public DateTimePrecision Precision { get; }

    internal int FractionTicks { get; }

    internal byte FractionDigits { get; }

    internal bool HasOffset { get; }

    internal short OffsetMinutes { get; }

    internal bool HasTime => Precision >= DateTimePrecision.Hour;

    /// <summary>Reads the FHIR dateTime / instant forms and the partial forms FHIRPath adds (<c>2015-02-04T14</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PartialDateTime value)
    {
        var pos = 0;
        if (Read(text, ref pos, allowTrailingT: false, out value) && pos == text.Length)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A value to the millisecond with the offset of <paramref name="now"/>.</summary>
    public static PartialDateTime FromDateTimeOffset(DateTimeOffset now) => new(
        now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second,
        (int)(now.Ticks % TimeSpan.TicksPerSecond / 10_000 * 10_000), 3,
        DateTimePrecision.Millisecond, true, (short)now.Offset.TotalMinutes);

    /// <summary>The date part to the value's precision (at most a day): the DateTime to Date conversion.</summary>
    public PartialDate ToPartialDate() =>
        new(Year, _month, _day, Precision > DateTimePrecision.Day ? DateTimePrecision.Day : Precision);

    /// <inheritdoc />
    public bool Equals(PartialDateTime other) =>
        _year == other._year && _month == other._month && _day == other._day && _hour == other._hour && _minute == other._minute &&
        _second == other._second && FractionTicks == other.FractionTicks && Precision == other.Precision &&
        HasOffset == other.HasOffset && OffsetMinutes == other.OffsetMinutes;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialDateTime d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_year, _month, _day, _hour, _minute, _second, FractionTicks, HashCode.Combine(Precision, HasOffset, OffsetMinutes));

    /// <summary>The ISO 8601 form to the value's precision, e.g. <c>2014-01-01T08:05:00.000+08:00</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(29);
        sb.Append(_year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        if (Precision >= DateTimePrecision.Month)
        {
            sb.Append('-').Append(TemporalText.D2(_month));
        }

        if (Precision >= DateTimePrecision.Day)
        {
            sb.Append('-').Append(TemporalText.D2(_day));
        }

        if (Precision >= DateTimePrecision.Hour)
        {
            sb.Append('T').Append(TemporalText.D2(_hour));
        }

        if (Precision >= DateTimePrecision.Minute)
        {
            sb.Append(':').Append(TemporalText.D2(_minute));
        }

        if (Precision >= DateTimePrecision.Second)
        {
            sb.Append(':').Append(TemporalText.D2(_second));
        }

        if (Precision >= DateTimePrecision.Millisecond)
        {
            TemporalText.AppendFraction(sb, FractionTicks, FractionDigits);
        }

        if (HasOffset && HasTime)
        {
            TemporalText.AppendOffset(sb, OffsetMinutes);
        }

        return sb.ToString();
    }

    /// <summary>Equality of the value as written.</summary>
    public static bool operator ==(PartialDateTime left, PartialDateTime right) => left.Equals(right);

    /// <summary>Inequality of the value as written.</summary>
    public static bool operator !=(PartialDateTime left, PartialDateTime right) => !left.Equals(right);

    /// <summary>
    /// The value as a .NET date-time in its own offset, unknown parts at their minimum. Throws when the
    /// result is outside the .NET range.
    /// </summary>
    internal DateTime ToClock() =>
        new DateTime(Year, Math.Max(1, (int)_month), Math.Max(1, (int)_day), _hour, _minute, _second, DateTimeKind.Unspecified).AddTicks(FractionTicks);

    /// <summary>The same precision and offset with other parts (used after arithmetic).</summary>
    internal PartialDateTime With(DateTime clock) => new(
        clock.Year, clock.Month, clock.Day, clock.Hour, clock.Minute, clock.Second,
        (int)(clock.Ticks % TimeSpan.TicksPerSecond), FractionDigits, Precision, HasOffset, OffsetMinutes);

    internal static bool Read(ReadOnlySpan<char> s, ref int pos, bool allowTrailingT, out PartialDateTime value)
    {
        value = default;
        if (!PartialDate.ReadDate(s, ref pos, out var date))
        {
            return false;
        }

        var month = date.Month ?? 1;
        var day = date.Day ?? 1;
        if (pos >= s.Length || s[pos] != 'T')
        {
            value = new PartialDateTime(date.Year, month, day, 0, 0, 0, 0, 0, date.Precision, false, 0);
            return true;
        }

        pos++;
        if (pos >= s.Length || s[pos] is < '0' or > '9')
        {
            // "2015T": a partial date-time with no time part, allowed in literals only.
            value = new PartialDateTime(date.Year, month, day, 0, 0, 0, 0, 0, date.Precision, false, 0);
            return allowTrailingT;
        }

        if (date.Precision != DateTimePrecision.Day || !PartialTime.ReadTime(s, ref pos, out var time))
        {
            return false;
        }

        if (!TemporalText.Offset(s, ref pos, out var hasOffset, out var offset))
        {
            return false;
        }

        value = new PartialDateTime(date.Year, month, day, time.Hour, time.Minute ?? 0, time.Second ?? 0, time.FractionTicks, time.FractionDigits, time.Precision, hasOffset, offset);
        return true;
    }
}
