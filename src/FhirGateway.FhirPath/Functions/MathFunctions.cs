using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// https://hl7.org/fhirpath/N1/#math. Exact results (abs, ceiling, floor, truncate, round, integer powers) use
/// decimal arithmetic; exp, ln, log, sqrt and fractional powers go through double and keep 15 significant digits.
/// A result that cannot be represented is empty.
/// </summary>
internal static class MathFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("abs", 0, 0, Abs, ResultKind.Input);
        t.Add("ceiling", 0, 0, (in FunctionCall c, List<object> o) => ToInteger(c, o, decimal.Ceiling), ResultKind.Integer);
        t.Add("floor", 0, 0, (in FunctionCall c, List<object> o) => ToInteger(c, o, decimal.Floor), ResultKind.Integer);
        t.Add("truncate", 0, 0, (in FunctionCall c, List<object> o) => ToInteger(c, o, decimal.Truncate), ResultKind.Integer);
        t.Add("exp", 0, 0, (in FunctionCall c, List<object> o) => ViaDouble(c, o, Math.Exp), ResultKind.Decimal);
        t.Add("ln", 0, 0, (in FunctionCall c, List<object> o) => ViaDouble(c, o, Math.Log), ResultKind.Decimal);
        t.Add("sqrt", 0, 0, (in FunctionCall c, List<object> o) => ViaDouble(c, o, Math.Sqrt), ResultKind.Decimal);
        t.Add("log", 1, 1, Log, ResultKind.Decimal);
        t.Add("power", 1, 1, Power, ResultKind.Unknown);
        t.Add("round", 0, 1, Round, ResultKind.Decimal);
    }

    private static object? Number(in FunctionCall call)
    {
        var item = call.InputItem();
        if (item is null)
        {
            return null;
        }

        var value = SystemValue.Of(item);
        return value is long or decimal ? value : throw call.Error($"expects a number, not {SystemValue.Describe(item)}");
    }

    private static void Abs(in FunctionCall call, List<object> output)
    {
        var item = call.InputItem();
        if (item is null)
        {
            return;
        }

        switch (SystemValue.Of(item))
        {
            case long l when l != long.MinValue:
                output.Add(Boxes.Integer(Math.Abs(l)));
                break;
            case decimal d:
                output.Add(Math.Abs(d));
                break;
            case Quantity q:
                output.Add(new Quantity(Math.Abs(q.Value), q.Unit, q.IsCalendarKeyword));
                break;
            default:
                throw call.Error($"expects a number or Quantity, not {SystemValue.Describe(item)}");
        }
    }

    private static void ToInteger(in FunctionCall call, List<object> output, Func<decimal, decimal> op)
    {
        switch (Number(call))
        {
            case long l:
                output.Add(Boxes.Integer(l));
                break;
            case decimal d:
                var r = op(d);
                if (r is >= long.MinValue and <= long.MaxValue)
                {
                    output.Add(Boxes.Integer((long)r));
                }

                break;
        }
    }

    private static void ViaDouble(in FunctionCall call, List<object> output, Func<double, double> op)
    {
        if (Number(call) is { } n && DecimalMath.FromDouble(op((double)Arithmetic.ToDecimal(n))) is { } result)
        {
            output.Add(result);
        }
    }

    private static void Log(in FunctionCall call, List<object> output)
    {
        var n = Number(call);
        var b = call.Arg(0);
        if (n is null || b is null)
        {
            return;
        }

        if (!SystemValue.TryDecimal(b, out var baseValue))
        {
            throw call.Error("the base must be a number");
        }

        var x = (double)Arithmetic.ToDecimal(n);
        var result = (double)baseValue switch
        {
            10 => Math.Log10(x),
            2 => Math.Log2(x),
            _ => Math.Log(x) / Math.Log((double)baseValue),
        };

        if (DecimalMath.FromDouble(result) is { } d)
        {
            output.Add(d);
        }
    }

    // Integer to an Integer power is an Integer (https://hl7.org/fhirpath/N1/#powerexponent--integer--decimal--integer--decimal).
    private static void Power(in FunctionCall call, List<object> output)
    {
        var n = Number(call);
        var e = call.Arg(0);
        if (n is null || e is null)
        {
            return;
        }

        var exponent = SystemValue.Of(e);
        if (exponent is not (long or decimal))
        {
            throw call.Error("the exponent must be a number");
        }

        if (n is long l && exponent is long le && le >= 0)
        {
            try
            {
                // Exponentiation by squaring: a huge exponent costs its bit length, not its value.
                long result = 1, factor = l;
                for (var bits = le; bits > 0; bits >>= 1)
                {
                    if ((bits & 1) != 0)
                    {
                        result = checked(result * factor);
                    }

                    if (bits > 1)
                    {
                        factor = checked(factor * factor);
                    }
                }

                output.Add(Boxes.Integer(result));
            }
            catch (OverflowException)
            {
                // Not representable: empty.
            }

            return;
        }

        var x = Arithmetic.ToDecimal(n);
        var y = Arithmetic.ToDecimal(exponent);
        if (y == decimal.Truncate(y) && Math.Abs(y) <= 64)
        {
            try
            {
                var result = 1m;
                for (var i = 0; i < Math.Abs(y); i++)
                {
                    result *= x;
                }

                output.Add(y < 0 ? 1 / result : result);
                return;
            }
            catch (Exception ex) when (ex is OverflowException or DivideByZeroException)
            {
                return;
            }
        }

        if (DecimalMath.FromDouble(Math.Pow((double)x, (double)y)) is { } d)
        {
            output.Add(d);
        }
    }

    // https://hl7.org/fhirpath/N1/#roundprecision--integer--decimal: half away from zero; precision must not be negative.
    private static void Round(in FunctionCall call, List<object> output)
    {
        var n = Number(call);
        if (n is null)
        {
            return;
        }

        var precision = call.Args.Length > 0 ? call.IntegerArg(0) : 0;
        if (precision is null)
        {
            return;
        }

        if (precision is < 0 or > 28)
        {
            throw call.Error("the precision must be between 0 and 28");
        }

        output.Add(decimal.Round(Arithmetic.ToDecimal(n), (int)precision.Value, MidpointRounding.AwayFromZero));
    }
}
