using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// https://hl7.org/fhirpath/N1/#utility-functions, not() (#boolean-logic), type() (#reflection),
/// aggregate() (#aggregates) and sort() from FHIRPath 2.1 (used by the R4 tests).
/// </summary>
internal static class UtilityFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("trace", 1, 2, Trace, ResultKind.Input, FunctionTraits.IteratesArguments);
        t.Add("now", 0, 0, Now, ResultKind.DateTime);
        t.Add("today", 0, 0, Today, ResultKind.Date);
        t.Add("timeOfDay", 0, 0, TimeOfDay, ResultKind.Time);
        t.Add("not", 0, 0, Not, ResultKind.Boolean);
        t.Add("type", 0, 0, Type, ResultKind.Unknown);
        t.Add("aggregate", 1, 2, Aggregate, ResultKind.Unknown, FunctionTraits.IteratesArguments);
        t.Add("sort", 0, 16, Sort, ResultKind.Input, FunctionTraits.IteratesArguments);
    }

    // https://hl7.org/fhirpath/N1/#tracename--string--projection-expression--collection
    private static void Trace(in FunctionCall call, List<object> output)
    {
        var tracer = call.State.Context.Tracer;
        if (tracer is not null)
        {
            var name = call.StringArg(0) ?? string.Empty;
            if (call.Args.Length > 1)
            {
                var projected = new List<object>();
                var scope = call.IterationScope();
                try
                {
                    for (var i = 0; i < call.Input.Count; i++)
                    {
                        FunctionCall.SetItem(scope, call.Input[i], i);
                        call.Args[1].Evaluate(scope, projected);
                    }
                }
                finally
                {
                    call.State.ReturnIterationScope(scope);
                }

                tracer(name, projected);
            }
            else
            {
                tracer(name, call.Input.ToArray());
            }
        }

        output.AddRange(call.Input);
    }

    private static void Now(in FunctionCall call, List<object> output) => output.Add(call.State.NowValue);

    private static void Today(in FunctionCall call, List<object> output) => output.Add(PartialDate.FromDateTimeOffset(call.State.Now));

    private static void TimeOfDay(in FunctionCall call, List<object> output) => output.Add(PartialTime.FromDateTimeOffset(call.State.Now));

    private static void Not(in FunctionCall call, List<object> output)
    {
        if (Singleton.ToBoolean(call.Input, call.Position) is { } b)
        {
            output.Add(Boxes.Bool(!b));
        }
    }

    private static readonly Dictionary<SystemKind, FhirPathTypeInfo> SystemTypes = Enum.GetValues<SystemKind>()
        .Where(k => k != SystemKind.None)
        .ToDictionary(k => k, k => new FhirPathTypeInfo("System", SystemValue.SystemTypeName(k)));

    private static void Type(in FunctionCall call, List<object> output)
    {
        foreach (var item in call.Input)
        {
            if (item is ElementNode node)
            {
                output.Add(new FhirPathTypeInfo("FHIR", node.Type.Name));
            }
            else if (SystemTypes.TryGetValue(SystemValue.KindOf(item), out var info))
            {
                output.Add(info);
            }
        }
    }

    // https://hl7.org/fhirpath/N1/#aggregateaggregator--expression--init--value--value
    private static void Aggregate(in FunctionCall call, List<object> output)
    {
        var total = call.Args.Length > 1 ? call.ArgList(1) : call.State.RentList();
        var scope = call.IterationScope();
        try
        {
            for (var i = 0; i < call.Input.Count; i++)
            {
                FunctionCall.SetItem(scope, call.Input[i], i);
                scope.Total = total;
                var next = call.Args[0].EvaluateToList(scope);
                call.State.Return(total);
                total = next;
            }

            output.AddRange(total);
        }
        finally
        {
            scope.Total = null;
            call.State.Return(total);
            call.State.ReturnIterationScope(scope);
        }
    }

    /// <summary>
    /// sort([key, ...]) of FHIRPath 2.1: by the items themselves, or by keys evaluated per item; a key written
    /// with a leading minus sorts descending. An empty key sorts after every value (before them when descending).
    /// </summary>
    private static void Sort(in FunctionCall call, List<object> output)
    {
        var input = call.Input;
        var count = input.Count;
        if (count == 0)
        {
            return;
        }

        var keyCount = Math.Max(1, call.Args.Length);
        var keys = new object?[count * keyCount];
        var descending = new bool[keyCount];
        if (call.Args.Length == 0)
        {
            for (var i = 0; i < count; i++)
            {
                keys[i] = input[i];
            }
        }
        else
        {
            var scope = call.IterationScope();
            try
            {
                for (var k = 0; k < keyCount; k++)
                {
                    var arg = call.Args[k];
                    if (arg is UnaryNode { Negate: true } negated)
                    {
                        descending[k] = true;
                        arg = negated.Operand;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        FunctionCall.SetItem(scope, input[i], i);
                        keys[(i * keyCount) + k] = arg.EvaluateSingle(scope, "A sort key");
                    }
                }
            }
            finally
            {
                call.State.ReturnIterationScope(scope);
            }
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var position = call.Position;
        var comparison = (int x, int y) =>
        {
            for (var k = 0; k < keyCount; k++)
            {
                var a = keys[(x * keyCount) + k];
                var b = keys[(y * keyCount) + k];
                var c = a is null ? (b is null ? 0 : 1) : b is null ? -1 : Ordering.Compare(a, b, position) ?? 0;
                if (c != 0)
                {
                    return descending[k] ? -c : c;
                }
            }

            return x.CompareTo(y);
        };
        Array.Sort(order, new Comparison<int>(comparison));
        foreach (var i in order)
        {
            output.Add(input[i]);
        }
    }
}
