namespace FhirGateway.FhirPath.Units;

/// <summary>
/// A unit reduced to base dimensions: a value in this unit times <see cref="Factor"/> (after adding
/// <see cref="Offset"/>, for the temperature scales) is the value in the base units. Two units are comparable
/// when their dimensions are the same.
/// </summary>
internal sealed class UnitForm
{
    /// <summary>Base dimensions: metre, gram, second, radian, kelvin, coulomb, candela, mole, and calendar month.</summary>
    public const int DimensionCount = 9;

    /// <summary>The slot for calendar years and months, which do not convert to seconds (https://hl7.org/fhirpath/N1/#time-valued-quantities).</summary>
    public const int CalendarMonth = 8;

    public UnitForm(decimal factor, sbyte[] dimensions, decimal offset = 0, bool isSpecial = false, decimal divisor = 1)
    {
        Factor = factor;
        Dimensions = dimensions;
        Offset = offset;
        IsSpecial = isSpecial;
        Divisor = divisor;
    }

    public decimal Factor { get; }

    /// <summary>Divides after <see cref="Factor"/> multiplies, so factors like 5/9 ([degF]) stay exact.</summary>
    public decimal Divisor { get; }

    public sbyte[] Dimensions { get; }

    /// <summary>For Cel and [degF]: added before scaling.</summary>
    public decimal Offset { get; }

    /// <summary>A non-ratio unit (temperature scales): only valid on its own, never in products or powers.</summary>
    public bool IsSpecial { get; }

    public bool IsDimensionless
    {
        get
        {
            foreach (var d in Dimensions)
            {
                if (d != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public bool SameDimensions(UnitForm other) => Dimensions.AsSpan().SequenceEqual(other.Dimensions);

    public decimal ToBase(decimal value) => (value + Offset) * Factor / Divisor;

    public decimal FromBase(decimal value) => (value * Divisor / Factor) - Offset;

    /// <summary>The factor as one number (for choosing the finer of two units).</summary>
    public decimal Scale => Factor / Divisor;

    public static UnitForm Dimension(int index, decimal factor = 1)
    {
        var dims = new sbyte[DimensionCount];
        dims[index] = 1;
        return new UnitForm(factor, dims);
    }

    public static UnitForm Unity(decimal factor = 1) => new(factor, new sbyte[DimensionCount]);

    public UnitForm Multiply(UnitForm other, int sign)
    {
        var dims = new sbyte[DimensionCount];
        for (var i = 0; i < DimensionCount; i++)
        {
            dims[i] = (sbyte)(Dimensions[i] + (sign * other.Dimensions[i]));
        }

        return sign > 0
            ? new UnitForm(Factor * other.Factor, dims, divisor: Divisor * other.Divisor)
            : new UnitForm(Factor * other.Divisor, dims, divisor: Divisor * other.Factor);
    }

    public UnitForm Power(int exponent)
    {
        var dims = new sbyte[DimensionCount];
        for (var i = 0; i < DimensionCount; i++)
        {
            dims[i] = (sbyte)(Dimensions[i] * exponent);
        }

        decimal factor = 1m, divisor = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            factor *= Factor;
            divisor *= Divisor;
        }

        return exponent < 0 ? new UnitForm(divisor, dims, divisor: factor) : new UnitForm(factor, dims, divisor: divisor);
    }
}
