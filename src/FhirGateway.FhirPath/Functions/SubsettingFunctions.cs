using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#subsetting and #combining</summary>
internal static class SubsettingFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("single", 0, 0, Single, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("first", 0, 0, First, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("last", 0, 0, Last, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("tail", 0, 0, Tail, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("skip", 1, 1, Skip, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("take", 1, 1, Take, ResultKind.Input, FunctionTraits.NeedsOrderedInput);
        t.Add("intersect", 1, 1, Intersect, ResultKind.Unknown);
        t.Add("exclude", 1, 1, Exclude, ResultKind.Input);
        t.Add("union", 1, 1, Union, ResultKind.Unknown);
        t.Add("combine", 1, 1, Combine, ResultKind.Unknown);
    }

    private static void Single(in FunctionCall call, List<object> output)
    {
        if (call.InputItem() is { } item)
        {
            output.Add(item);
        }
    }

    private static void First(in FunctionCall call, List<object> output)
    {
        if (call.Input.Count > 0)
        {
            output.Add(call.Input[0]);
        }
    }

    private static void Last(in FunctionCall call, List<object> output)
    {
        if (call.Input.Count > 0)
        {
            output.Add(call.Input[^1]);
        }
    }

    private static void Tail(in FunctionCall call, List<object> output)
    {
        for (var i = 1; i < call.Input.Count; i++)
        {
            output.Add(call.Input[i]);
        }
    }

    private static void Skip(in FunctionCall call, List<object> output)
    {
        var n = call.IntegerArg(0);
        if (n is null)
        {
            return;
        }

        for (var i = (int)Math.Clamp(n.Value, 0, int.MaxValue); i < call.Input.Count; i++)
        {
            output.Add(call.Input[i]);
        }
    }

    private static void Take(in FunctionCall call, List<object> output)
    {
        var n = call.IntegerArg(0);
        if (n is null)
        {
            return;
        }

        var count = (int)Math.Clamp(n.Value, 0, call.Input.Count);
        for (var i = 0; i < count; i++)
        {
            output.Add(call.Input[i]);
        }
    }

    private static void Intersect(in FunctionCall call, List<object> output)
    {
        var other = call.ArgList(0);
        var start = output.Count;
        foreach (var item in call.Input)
        {
            if (Equality.ContainsEqual(other, item) && !Equality.ContainsEqual(output, item, start))
            {
                output.Add(item);
            }
        }

        call.State.Return(other);
    }

    private static void Exclude(in FunctionCall call, List<object> output)
    {
        var other = call.ArgList(0);
        foreach (var item in call.Input)
        {
            if (!Equality.ContainsEqual(other, item))
            {
                output.Add(item);
            }
        }

        call.State.Return(other);
    }

    private static void Union(in FunctionCall call, List<object> output)
    {
        var start = output.Count;
        var other = call.ArgList(0);
        BinaryNode.AddDistinct(call.Input, output, start);
        BinaryNode.AddDistinct(other, output, start);
        call.State.Return(other);
    }

    private static void Combine(in FunctionCall call, List<object> output)
    {
        output.AddRange(call.Input);
        call.Args[0].Evaluate(call.Scope, output);
    }
}
