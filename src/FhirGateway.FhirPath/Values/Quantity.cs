using System.Globalization;

namespace FhirGateway.FhirPath.Values;

/// <summary>
/// A FHIRPath <c>System.Quantity</c> (https://hl7.org/fhirpath/N1/#quantity): a decimal value with a UCUM
/// unit or a calendar duration keyword. <see cref="IsCalendarKeyword"/> tells whether the unit was written
/// as a bare keyword (<c>4 days</c>) rather than quoted (<c>4 'd'</c>, <c>1 'month'</c>).
/// </summary>
public readonly struct Quantity : IEquatable<Quantity>
{
    /// <summary>Creates a quantity with a UCUM unit (or a quoted calendar word).</summary>
    public Quantity(decimal value, string unit)
        : this(value, unit, false)
    {
    }

    internal Quantity(decimal value, string unit, bool isCalendarKeyword)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Value = value;
        Unit = unit;
        IsCalendarKeyword = isCalendarKeyword;
    }

    /// <summary>The numeric value.</summary>
    public decimal Value { get; }

    /// <summary>The unit: a UCUM code such as <c>mg</c>, or a calendar duration keyword such as <c>week</c>.</summary>
    public string Unit { get; }

    /// <summary>Whether the unit was written as an unquoted calendar keyword (<c>1 week</c>).</summary>
    public bool IsCalendarKeyword { get; }

    /// <inheritdoc />
    public bool Equals(Quantity other) => Value == other.Value && string.Equals(Unit, other.Unit, StringComparison.Ordinal) && IsCalendarKeyword == other.IsCalendarKeyword;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Unit);

    /// <summary>The FHIRPath form: <c>1 'wk'</c>, or <c>1 week</c> for a keyword unit.</summary>
    public override string ToString()
    {
        var value = DecimalText.Format(Value);
        return IsCalendarKeyword ? value + " " + Unit : value + " '" + Unit + "'";
    }

    /// <summary>Equality of value and unit as written.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Inequality of value and unit as written.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);
}

/// <summary>Decimal text in the FHIRPath form: invariant, with the scale as computed.</summary>
internal static class DecimalText
{
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);

        // The boundary functions can yield a negative zero (-0.0), which .NET prints without its sign.
        return value == 0 && decimal.IsNegative(value) ? "-" + text : text;
    }
}
