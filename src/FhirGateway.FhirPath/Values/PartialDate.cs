using System.Text;

namespace FhirGateway.FhirPath.Values;

/// <summary>
/// A FHIRPath <c>System.Date</c>: a date to year, month or day precision
/// (https://hl7.org/fhirpath/N1/#date). Unknown parts are absent, not zero.
/// </summary>
public readonly struct PartialDate : IEquatable<PartialDate>
{
    private readonly short _year;
    private readonly byte _month;
    private readonly byte _day;

    internal PartialDate(int year, int month, int day, DateTimePrecision precision)
    {
        _year = (short)year;
        _month = (byte)month;
        _day = (byte)day;
        Precision = precision;
    }

    /// <summary>The year.</summary>
    public int Year => _year;

    /// <summary>The month, when known.</summary>
    public int? Month => Precision >= DateTimePrecision.Month ? _month : null;

    /// <summary>The day, when known.</summary>
    public int? Day => Precision >= DateTimePrecision.Day ? _day : null;

    /// <summary>Year, Month or Day.</summary>
    public DateTimePrecision Precision { get; }

    /// <summary>Reads <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PartialDate value)
    {
        var pos = 0;
        if (ReadDate(text, ref pos, out value) && pos == text.Length)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Today's date in the given offset.</summary>
    public static PartialDate FromDateTimeOffset(DateTimeOffset now) => new(now.Year, now.Month, now.Day, DateTimePrecision.Day);

    /// <summary>The same date as a partial date-time (no time, no offset): the implicit Date to DateTime conversion.</summary>
    public PartialDateTime ToPartialDateTime() => new(Year, _month, _day, 0, 0, 0, 0, 0, Precision, false, 0);

    /// <inheritdoc />
    public bool Equals(PartialDate other) => _year == other._year && _month == other._month && _day == other._day && Precision == other.Precision;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialDate d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_year, _month, _day, Precision);

    /// <summary>The FHIR / ISO 8601 form to the value's precision, e.g. <c>2014-01</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(10);
        sb.Append(_year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        if (Precision >= DateTimePrecision.Month)
        {
            sb.Append('-').Append(TemporalText.D2(_month));
        }

        if (Precision >= DateTimePrecision.Day)
        {
            sb.Append('-').Append(TemporalText.D2(_day));
        }

        return sb.ToString();
    }

    /// <summary>Equality of the value as written (same parts, same precision).</summary>
    public static bool operator ==(PartialDate left, PartialDate right) => left.Equals(right);

    /// <summary>Inequality of the value as written.</summary>
    public static bool operator !=(PartialDate left, PartialDate right) => !left.Equals(right);

    internal static bool ReadDate(ReadOnlySpan<char> s, ref int pos, out PartialDate value)
    {
        value = default;
        if (!TemporalText.Digits(s, ref pos, 4, out var year) || year < 1)
        {
            return false;
        }

        var month = 1;
        var day = 1;
        var precision = DateTimePrecision.Year;
        if (pos < s.Length && s[pos] == '-')
        {
            pos++;
            if (!TemporalText.Digits(s, ref pos, 2, out month) || month is < 1 or > 12)
            {
                return false;
            }

            precision = DateTimePrecision.Month;
            if (pos < s.Length && s[pos] == '-')
            {
                pos++;
                if (!TemporalText.Digits(s, ref pos, 2, out day) || day < 1 || day > DateTime.DaysInMonth(year, month))
                {
                    return false;
                }

                precision = DateTimePrecision.Day;
            }
        }

        value = new PartialDate(year, month, day, precision);
        return true;
    }
}
