using System.Globalization;

namespace FhirGateway.FhirPath.Values;

/// <summary>Reading and writing the pieces shared by the date, date-time and time formats.</summary>
internal static class TemporalText
{
    public const int TicksPerSecond = 10_000_000;

    /// <summary>Reads exactly <paramref name="count"/> digits at <paramref name="pos"/>.</summary>
    public static bool Digits(ReadOnlySpan<char> s, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > s.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var c = s[pos + i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }

    /// <summary>Reads <c>.fff...</c> (one or more digits) as ticks, keeping how many digits were written.</summary>
    public static bool Fraction(ReadOnlySpan<char> s, ref int pos, out int ticks, out byte digits)
    {
        ticks = 0;
        digits = 0;
        // A dot not followed by a digit ends the value: "@T14:34:28.is(Time)" is a time and an invocation.
        if (pos + 1 >= s.Length || s[pos] != '.' || s[pos + 1] is < '0' or > '9')
        {
            return true;
        }

        var start = ++pos;
        while (pos < s.Length && s[pos] is >= '0' and <= '9')
        {
            if (pos - start < 7)
            {
                ticks = (ticks * 10) + (s[pos] - '0');
            }

            pos++;
        }

        var n = pos - start;
        if (n == 0)
        {
            return false;
        }

        for (var i = n; i < 7; i++)
        {
            ticks *= 10;
        }

        digits = (byte)Math.Min(n, 9);
        return true;
    }

    /// <summary>Reads <c>Z</c> or <c>(+|-)hh:mm</c> when present.</summary>
    public static bool Offset(ReadOnlySpan<char> s, ref int pos, out bool hasOffset, out short minutes)
    {
        hasOffset = false;
        minutes = 0;
        if (pos >= s.Length)
        {
            return true;
        }

        if (s[pos] == 'Z')
        {
            pos++;
            hasOffset = true;
            return true;
        }

        if (s[pos] is not ('+' or '-'))
        {
            return true;
        }

        var sign = s[pos] == '-' ? -1 : 1;
        pos++;
        if (!Digits(s, ref pos, 2, out var h) || pos >= s.Length || s[pos] != ':')
        {
            return false;
        }

        pos++;
        if (!Digits(s, ref pos, 2, out var m) || h > 14 || m > 59)
        {
            return false;
        }

        hasOffset = true;
        minutes = (short)(sign * ((h * 60) + m));
        return true;
    }

    public static void AppendFraction(System.Text.StringBuilder sb, int ticks, byte digits)
    {
        // Three digits at least (milliseconds), more only when more were written.
        var n = Math.Clamp((int)digits, 3, 7);
        var text = ticks.ToString("D7", CultureInfo.InvariantCulture);
        sb.Append('.').Append(text, 0, n);
    }

    public static void AppendOffset(System.Text.StringBuilder sb, short minutes)
    {
        if (minutes == 0)
        {
            sb.Append('Z');
            return;
        }

        var abs = Math.Abs((int)minutes);
        sb.Append(minutes < 0 ? '-' : '+')
          .Append((abs / 60).ToString("D2", CultureInfo.InvariantCulture))
          .Append(':')
          .Append((abs % 60).ToString("D2", CultureInfo.InvariantCulture));
    }

    public static string D2(int value) => value.ToString("D2", CultureInfo.InvariantCulture);
}
