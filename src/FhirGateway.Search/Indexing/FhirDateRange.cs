namespace FhirGateway.Search.Indexing;

/// <summary>
/// The period of time a FHIR date, dateTime or instant covers at its precision (https://hl7.org/fhir/R4/search.html#date):
/// <c>2013</c> is the whole year, <c>2013-01-14T10:00:00Z</c> the whole second. Bounds are UTC and inclusive, to the
/// microsecond (what both databases keep): the high bound is the last microsecond of the period. A value without a
/// timezone is taken as UTC (the server's local time; https://hl7.org/fhir/R4/search.html#date asks for the server's
/// zone). Search values may also stop at the hour or minute.
/// </summary>
internal static class FhirDateRange
{
    /// <summary>The earliest instant a bound can hold.</summary>
    public static readonly DateTimeOffset Min = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant a bound can hold (the last microsecond of 9999).</summary>
    public static readonly DateTimeOffset Max = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 10);

    private const long TicksPerMicrosecond = 10;

    /// <summary>Reads a value; false when it is not a FHIR date, dateTime or instant.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset low, out DateTimeOffset high)
    {
        low = high = default;
        var pos = 0;
        if (!Digits(text, ref pos, 4, out var year) || year < 1)
        {
            return false;
        }

        int month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fraction = 0;
        Func<DateTime, DateTime> next = d => d.AddYears(1);
        if (Take(text, ref pos, '-'))
        {
            if (!Digits(text, ref pos, 2, out month) || month is < 1 or > 12)
            {
                return false;
            }

            next = d => d.AddMonths(1);
            if (Take(text, ref pos, '-'))
            {
                if (!Digits(text, ref pos, 2, out day) || day < 1 || day > DateTime.DaysInMonth(year, month))
                {
                    return false;
                }

                next = d => d.AddDays(1);
                if (Take(text, ref pos, 'T'))
                {
                    if (!Digits(text, ref pos, 2, out hour) || hour > 23)
                    {
                        return false;
                    }

                    next = d => d.AddHours(1);
                    if (Take(text, ref pos, ':'))
                    {
                        if (!Digits(text, ref pos, 2, out minute) || minute > 59)
                        {
                            return false;
                        }

                        next = d => d.AddMinutes(1);
                        if (Take(text, ref pos, ':'))
                        {
                            // FHIR allows a leap second (60); it is the same second as :59 here.
                            if (!Digits(text, ref pos, 2, out second) || second > 60)
                            {
                                return false;
                            }

                            second = Math.Min(second, 59);
                            next = d => d.AddSeconds(1);
                            if (Take(text, ref pos, '.'))
                            {
                                var start = pos;
                                long unit = TimeSpan.TicksPerSecond;
                                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                                {
                                    if (unit > TicksPerMicrosecond)
                                    {
                                        unit /= 10;
                                        fraction += (text[pos] - '0') * unit;
                                    }

                                    pos++;
                                }

                                if (pos == start)
                                {
                                    return false;
                                }

                                var step = unit;
                                next = d => d.AddTicks(step);
                            }
                        }
                    }
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (pos < text.Length)
        {
            if (text[pos] == 'Z' && pos + 1 == text.Length)
            {
                pos++;
            }
            else if (text[pos] is '+' or '-' && text.Length - pos == 6 && text[pos + 3] == ':' &&
                int.TryParse(text.Slice(pos + 1, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var oh) &&
                int.TryParse(text.Slice(pos + 4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var om) &&
                oh <= 14 && om <= 59)
            {
                offset = new TimeSpan(oh, om, 0) * (text[pos] == '-' ? -1 : 1);
                pos = text.Length;
            }
            else
            {
                return false;
            }
        }

        var clock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        DateTime end;
        try
        {
            end = next(clock);
        }
        catch (ArgumentOutOfRangeException)
        {
            end = DateTime.MaxValue;
        }

        low = Clamp(clock, offset, 0);
        high = end == DateTime.MaxValue ? Max : Clamp(end, offset, -TicksPerMicrosecond);
        return true;
    }

    /// <summary>A local clock time at an offset, moved by some ticks, as UTC and within the bounds.</summary>
    private static DateTimeOffset Clamp(DateTime clock, TimeSpan offset, long ticks)
    {
        var utc = clock.Ticks - offset.Ticks + ticks;
        if (utc <= Min.UtcTicks)
        {
            return Min;
        }

        return utc >= Max.UtcTicks ? Max : new DateTimeOffset(utc - (utc % TicksPerMicrosecond), TimeSpan.Zero);
    }

    private static bool Take(ReadOnlySpan<char> text, ref int pos, char c)
    {
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > text.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var c = text[pos + i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }
}
