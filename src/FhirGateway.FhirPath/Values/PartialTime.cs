using System.Text;

namespace FhirGateway.FhirPath.Values;

/// <summary>
/// A FHIRPath <c>System.Time</c>: a time of day to hour, minute, second or fraction precision, without a
/// timezone offset (https://hl7.org/fhirpath/N1/#time).
/// </summary>
public readonly struct PartialTime : IEquatable<PartialTime>
{
    private readonly byte _hour;
    private readonly byte _minute;
    private readonly byte _second;

    internal PartialTime(int hour, int minute, int second, int fractionTicks, byte fractionDigits, DateTimePrecision precision)
    {
        _hour = (byte)hour;
        _minute = (byte)minute;
        _second = (byte)second;
        FractionTicks = fractionTicks;
        FractionDigits = fractionDigits;
        Precision = precision;
    }

    /// <summary>The hour.</summary>
    public int Hour => _hour;

    /// <summary>The minute, when known.</summary>
    public int? Minute => Precision >= DateTimePrecision.Minute ? _minute : null;

    /// <summary>The second, when known.</summary>
    public int? Second => Precision >= DateTimePrecision.Second ? _second : null;

    /// <summary>The millisecond, when a fraction was given.</summary>
    public int? Millisecond => Precision >= DateTimePrecision.Millisecond ? FractionTicks / 10_000 : null;

    /// <summary>Hour, Minute, Second or Millisecond.</summary>
    public DateTimePrecision Precision { get; }

    internal int FractionTicks { get; }

    internal byte FractionDigits { get; }

    /// <summary>Reads <c>hh</c>, <c>hh:mm</c>, <c>hh:mm:ss</c> or <c>hh:mm:ss.fff</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PartialTime value)
    {
        var pos = 0;
        if (ReadTime(text, ref pos, out value) && pos == text.Length)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The time of day of <paramref name="now"/> to the millisecond.</summary>
    public static PartialTime FromDateTimeOffset(DateTimeOffset now) =>
        new(now.Hour, now.Minute, now.Second, (int)(now.Ticks % TimeSpan.TicksPerSecond / 10_000 * 10_000), 3, DateTimePrecision.Millisecond);

    /// <inheritdoc />
    public bool Equals(PartialTime other) =>
        _hour == other._hour && _minute == other._minute && _second == other._second && FractionTicks == other.FractionTicks && Precision == other.Precision;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialTime t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_hour, _minute, _second, FractionTicks, Precision);

    /// <summary>The ISO 8601 form to the value's precision, e.g. <c>10:30:00.000</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(12);
        sb.Append(TemporalText.D2(_hour));
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

        return sb.ToString();
    }

    /// <summary>Equality of the value as written.</summary>
    public static bool operator ==(PartialTime left, PartialTime right) => left.Equals(right);

    /// <summary>Inequality of the value as written.</summary>
    public static bool operator !=(PartialTime left, PartialTime right) => !left.Equals(right);

    internal static bool ReadTime(ReadOnlySpan<char> s, ref int pos, out PartialTime value)
    {
        value = default;
        if (!TemporalText.Digits(s, ref pos, 2, out var hour) || hour > 23)
        {
            return false;
        }

        int minute = 0, second = 0, ticks = 0;
        byte digits = 0;
        var precision = DateTimePrecision.Hour;
        if (pos < s.Length && s[pos] == ':')
        {
            pos++;
            if (!TemporalText.Digits(s, ref pos, 2, out minute) || minute > 59)
            {
                return false;
            }

            precision = DateTimePrecision.Minute;
            if (pos < s.Length && s[pos] == ':')
            {
                pos++;
                if (!TemporalText.Digits(s, ref pos, 2, out second) || second > 59)
                {
                    return false;
                }

                precision = DateTimePrecision.Second;
                if (!TemporalText.Fraction(s, ref pos, out ticks, out digits))
                {
                    return false;
                }

                if (digits > 0)
                {
                    precision = DateTimePrecision.Millisecond;
                }
            }
        }

        value = new PartialTime(hour, minute, second, ticks, digits, precision);
        return true;
    }
}
