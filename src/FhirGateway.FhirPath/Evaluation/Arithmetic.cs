using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// The math operators (https://hl7.org/fhirpath/N1/#math-1) and date/time arithmetic
/// (https://hl7.org/fhirpath/N1/#datetime-arithmetic) on single items. A null result is the empty collection
/// (division by zero, overflow, units that do not convert); incompatible operands are an error.
/// </summary>
internal static class Arithmetic
{
    public static object? Add(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => Boxes.Integer(checked(x + y)),
                (long or decimal, long or decimal) => ToDecimal(a) + ToDecimal(b),
                (string x, string y) => string.Concat(x, y),
                (Quantity x, Quantity y) => QuantityMath.Add(x, y, 1),
                (PartialDate or PartialDateTime or PartialTime, Quantity q) => TemporalMath.Add(a, q, 1, position),
                _ => throw Incompatible("+", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static object? Subtract(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => Boxes.Integer(checked(x - y)),
                (long or decimal, long or decimal) => ToDecimal(a) - ToDecimal(b),
                (Quantity x, Quantity y) => QuantityMath.Add(x, y, -1),
                (PartialDate or PartialDateTime or PartialTime, Quantity q) => TemporalMath.Add(a, q, -1, position),
                _ => throw Incompatible("-", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static object? Multiply(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => Boxes.Integer(checked(x * y)),
                (long or decimal, long or decimal) => ToDecimal(a) * ToDecimal(b),
                (Quantity x, Quantity y) => QuantityMath.Multiply(x, y),
                (Quantity x, long or decimal) => new Quantity(x.Value * ToDecimal(b), x.Unit, x.IsCalendarKeyword),
                (long or decimal, Quantity y) => new Quantity(ToDecimal(a) * y.Value, y.Unit, y.IsCalendarKeyword),
                _ => throw Incompatible("*", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Division always gives a Decimal (or a Quantity); dividing by zero gives empty.</summary>
    public static object? Divide(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long or decimal, long or decimal) => ToDecimal(b) == 0 ? null : ToDecimal(a) / ToDecimal(b),
                (Quantity x, Quantity y) => QuantityMath.Divide(x, y),
                (Quantity x, long or decimal) => ToDecimal(b) == 0 ? null : new Quantity(x.Value / ToDecimal(b), x.Unit, x.IsCalendarKeyword),
                _ => throw Incompatible("/", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Truncated division; Integer for Integers.</summary>
    public static object? Div(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => y == 0 ? null : Boxes.Integer(x / y),
                (long or decimal, long or decimal) => ToDecimal(b) == 0 ? null : decimal.Truncate(ToDecimal(a) / ToDecimal(b)),
                _ => throw Incompatible("div", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static object? Mod(object left, object right, int position)
    {
        var a = SystemValue.Of(left);
        var b = SystemValue.Of(right);
        if (a is null || b is null)
        {
            return null;
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => y == 0 ? null : Boxes.Integer(x % y),
                (long or decimal, long or decimal) => ToDecimal(b) == 0 ? null : ToDecimal(a) % ToDecimal(b),
                _ => throw Incompatible("mod", left, right, position),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Unary minus: numbers and quantities only (https://hl7.org/fhirpath/N1/#operator-precedence).</summary>
    public static object? Negate(object operand, int position)
    {
        var a = SystemValue.Of(operand);
        return a switch
        {
            null => null,
            long x => Boxes.Integer(-x),

            // Negating zero gives zero, never "-0".
            decimal x => x == 0 ? decimal.Abs(x) : -x,
            Quantity q => new Quantity(q.Value == 0 ? decimal.Abs(q.Value) : -q.Value, q.Unit, q.IsCalendarKeyword),
            _ => throw new FhirPathEvaluationException($"Unary minus cannot be applied to {SystemValue.Describe(operand)}", position),
        };
    }

    public static decimal ToDecimal(object value) => value is long l ? l : (decimal)value;

    private static FhirPathEvaluationException Incompatible(string op, object left, object right, int position) =>
        new($"Operator '{op}' cannot be applied to {SystemValue.Describe(left)} and {SystemValue.Describe(right)}", position);
}
