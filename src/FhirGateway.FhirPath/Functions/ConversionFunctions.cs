using System.Globalization;
using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Units;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#conversion</summary>
internal static class ConversionFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("iif", 2, 3, Iif, ResultKind.Branches);
        t.Add("toBoolean", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToBoolean), ResultKind.Boolean);
        t.Add("convertsToBoolean", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToBoolean), ResultKind.Boolean);
        t.Add("toInteger", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToInteger), ResultKind.Integer);
        t.Add("convertsToInteger", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToInteger), ResultKind.Boolean);
        t.Add("toDecimal", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToDecimal), ResultKind.Decimal);
        t.Add("convertsToDecimal", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToDecimal), ResultKind.Boolean);
        t.Add("toString", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToText), ResultKind.String);
        t.Add("convertsToString", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToText), ResultKind.Boolean);
        t.Add("toDate", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToDate), ResultKind.Date);
        t.Add("convertsToDate", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToDate), ResultKind.Boolean);
        t.Add("toDateTime", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToDateTime), ResultKind.DateTime);
        t.Add("convertsToDateTime", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToDateTime), ResultKind.Boolean);
        t.Add("toTime", 0, 0, (in FunctionCall c, List<object> o) => Convert(c, o, ToTime), ResultKind.Time);
        t.Add("convertsToTime", 0, 0, (in FunctionCall c, List<object> o) => Converts(c, o, ToTime), ResultKind.Boolean);
        t.Add("toQuantity", 0, 1, ToQuantityFunction, ResultKind.Quantity);
        t.Add("convertsToQuantity", 0, 1, ConvertsToQuantityFunction, ResultKind.Boolean);
    }

    /// <summary>
    /// https://hl7.org/fhirpath/N1/#iif: the criterion and the chosen branch are evaluated with the input as
    /// <c>$this</c>; only the chosen branch is evaluated. More than one input item is an error.
    /// </summary>
    private static void Iif(in FunctionCall call, List<object> output)
    {
        var scope = call.Scope;
        Scope? own = null;
        if (call.Node.Source is not null)
        {
            if (call.Input.Count > 1)
            {
                throw call.Error($"expects at most one input item, but the collection has {call.Input.Count}");
            }

            own = call.IterationScope();
            own.Focus.AddRange(call.Input);
            scope = own;
        }

        try
        {
            var criterion = call.Args[0].EvaluateToList(scope);
            bool? test;
            try
            {
                test = Singleton.ToBoolean(criterion, call.Args[0].Position);
            }
            finally
            {
                call.State.Return(criterion);
            }

            if (test == true)
            {
                call.Args[1].Evaluate(scope, output);
            }
            else if (call.Args.Length > 2)
            {
                call.Args[2].Evaluate(scope, output);
            }
        }
        finally
        {
            if (own is not null)
            {
                call.State.ReturnIterationScope(own);
            }
        }
    }

    private static void Convert(in FunctionCall call, List<object> output, Func<object, object?> convert)
    {
        if (call.InputItem() is { } item && convert(item) is { } result)
        {
            output.Add(result);
        }
    }

    private static void Converts(in FunctionCall call, List<object> output, Func<object, object?> convert)
    {
        if (call.InputItem() is { } item)
        {
            output.Add(Boxes.Bool(convert(item) is not null));
        }
    }

    public static object? ToBoolean(object item) => SystemValue.Of(item) switch
    {
        bool b => Boxes.Bool(b),
        long l => l == 1 ? Boxes.True : l == 0 ? Boxes.False : null,
        decimal d => d == 1 ? Boxes.True : d == 0 ? Boxes.False : null,
        string s => s.ToUpperInvariant() switch
        {
            "TRUE" or "T" or "YES" or "Y" or "1" or "1.0" => Boxes.True,
            "FALSE" or "F" or "NO" or "N" or "0" or "0.0" => Boxes.False,
            _ => null,
        },
        _ => null,
    };

    public static object? ToInteger(object item) => SystemValue.Of(item) switch
    {
        long l => Boxes.Integer(l),
        bool b => Boxes.Integer(b ? 1 : 0),
        string s when IsInteger(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => Boxes.Integer(l),
        _ => null,
    };

    public static object? ToDecimal(object item) => SystemValue.Of(item) switch
    {
        long l => (decimal)l,
        decimal d => d,
        bool b => b ? 1.0m : 0.0m,
        string s when IsDecimal(s) && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static object? ToText(object item) => ValueText.Format(item);

    public static object? ToDate(object item) => SystemValue.Of(item) switch
    {
        PartialDate d => d,
        PartialDateTime dt => dt.ToPartialDate(),
        string s when PartialDate.TryParse(s, out var d) => d,
        string s when PartialDateTime.TryParse(s, out var dt) => dt.ToPartialDate(),
        _ => null,
    };

    public static object? ToDateTime(object item) => SystemValue.Of(item) switch
    {
        PartialDateTime dt => dt,
        PartialDate d => d.ToPartialDateTime(),
        string s when PartialDateTime.TryParse(s, out var dt) => dt,
        _ => null,
    };

    public static object? ToTime(object item) => SystemValue.Of(item) switch
    {
        PartialTime t => t,
        string s when PartialTime.TryParse(s.StartsWith('T') ? s[1..] : s, out var t) => t,
        _ => null,
    };

    private static void ToQuantityFunction(in FunctionCall call, List<object> output)
    {
        if (QuantityFor(call) is { } q)
        {
            output.Add(q);
        }
    }

    private static void ConvertsToQuantityFunction(in FunctionCall call, List<object> output)
    {
        if (call.Input.Count > 0)
        {
            output.Add(Boxes.Bool(QuantityFor(call) is not null));
        }
    }

    private static Quantity? QuantityFor(in FunctionCall call)
    {
        var item = call.InputItem();
        if (item is null || ToQuantity(item) is not { } q)
        {
            return null;
        }

        if (call.Args.Length == 0)
        {
            return q;
        }

        var unit = call.StringArg(0);
        return unit is not null && QuantityMath.TryConvert(q, unit, out var converted) ? converted : null;
    }

    public static Quantity? ToQuantity(object item) => SystemValue.Of(item) switch
    {
        Quantity q => q,
        long l => new Quantity(l, "1"),
        decimal d => new Quantity(d, "1"),
        bool b => new Quantity(b ? 1.0m : 0.0m, "1"),
        string s => ParseQuantity(s),
        _ => null,
    };

    /// <summary>
    /// The quantity string format of https://hl7.org/fhirpath/N1/#toquantityunit--string--quantity: a number,
    /// optional spaces, then a quoted UCUM unit or a calendar keyword.
    /// </summary>
    public static Quantity? ParseQuantity(string s)
    {
        var pos = 0;
        if (pos < s.Length && s[pos] is '+' or '-')
        {
            pos++;
        }

        var digits = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        if (pos == digits)
        {
            return null;
        }

        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
            var fraction = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (pos == fraction)
            {
                return null;
            }
        }

        if (!decimal.TryParse(s.AsSpan(0, pos), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
        {
            pos++;
        }

        if (pos == s.Length)
        {
            return new Quantity(value, "1");
        }

        if (s[pos] == '\'')
        {
            var close = s.IndexOf('\'', pos + 1);
            return close == s.Length - 1 && close > pos + 1 ? new Quantity(value, s[(pos + 1)..close]) : null;
        }

        var word = s[pos..];
        return CalendarUnits.FromKeyword(word) != CalendarUnit.None ? new Quantity(value, word, true) : null;
    }

    private static bool IsInteger(string s)
    {
        var start = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        if (start == s.Length)
        {
            return false;
        }

        for (var i = start; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecimal(string s)
    {
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? IsInteger(s) : IsInteger(s[..dot]) && dot + 1 < s.Length && IsInteger(s[(dot + 1)..]) && s[dot + 1] is not ('+' or '-');
    }
}
