namespace FhirGateway.FhirPath.Evaluation;

/// <summary>Decimal helpers for the precision rules of equivalence and the math functions.</summary>
internal static class DecimalMath
{
    /// <summary>The number of decimal places, ignoring trailing zeros (https://hl7.org/fhirpath/N1/#-equivalent).</summary>
    public static int SignificantScale(decimal value)
    {
        int scale = value.Scale;
        while (scale > 0 && decimal.Round(value, scale - 1) == value)
        {
            scale--;
        }

        return scale;
    }

    /// <summary>Decimal equivalence: equal when rounded to the precision of the less precise operand.</summary>
    public static bool Equivalent(decimal a, decimal b)
    {
        var precision = Math.Min(SignificantScale(a), SignificantScale(b));
        return decimal.Round(a, precision, MidpointRounding.AwayFromZero) == decimal.Round(b, precision, MidpointRounding.AwayFromZero);
    }

    /// <summary>A double result as a decimal, or null when it is not a finite number a decimal can hold.</summary>
    public static decimal? FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 7.9e28)
        {
            return null;
        }

        // The explicit conversion keeps 15 significant digits, so 1.9999999999999996 reads back as 2.
        return (decimal)value;
    }
}
