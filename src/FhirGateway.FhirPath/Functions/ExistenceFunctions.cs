using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#existence</summary>
internal static class ExistenceFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("empty", 0, 0, Empty, ResultKind.Boolean);
        t.Add("exists", 0, 1, Exists, ResultKind.Boolean, FunctionTraits.IteratesArguments);
        t.Add("all", 1, 1, All, ResultKind.Boolean, FunctionTraits.IteratesArguments);
        t.Add("allTrue", 0, 0, AllTrue, ResultKind.Boolean);
        t.Add("anyTrue", 0, 0, AnyTrue, ResultKind.Boolean);
        t.Add("allFalse", 0, 0, AllFalse, ResultKind.Boolean);
        t.Add("anyFalse", 0, 0, AnyFalse, ResultKind.Boolean);
        t.Add("subsetOf", 1, 1, SubsetOf, ResultKind.Boolean);
        t.Add("supersetOf", 1, 1, SupersetOf, ResultKind.Boolean);
        t.Add("count", 0, 0, Count, ResultKind.Integer);
        t.Add("distinct", 0, 0, Distinct, ResultKind.Input);
        t.Add("isDistinct", 0, 0, IsDistinct, ResultKind.Boolean);
    }

    private static void Empty(in FunctionCall call, List<object> output) => output.Add(Boxes.Bool(call.Input.Count == 0));

    private static void Exists(in FunctionCall call, List<object> output)
    {
        if (call.Args.Length == 0)
        {
            output.Add(Boxes.Bool(call.Input.Count > 0));
            return;
        }

        output.Add(Boxes.Bool(AnyMatches(call, call.Args[0])));
    }

    private static bool AnyMatches(in FunctionCall call, Node criterion)
    {
        var scope = call.IterationScope();
        try
        {
            for (var i = 0; i < call.Input.Count; i++)
            {
                if (FunctionCall.Criterion(criterion, scope, call.Input[i], i) == true)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            call.State.ReturnIterationScope(scope);
        }
    }

    private static void All(in FunctionCall call, List<object> output)
    {
        var scope = call.IterationScope();
        try
        {
            for (var i = 0; i < call.Input.Count; i++)
            {
                if (FunctionCall.Criterion(call.Args[0], scope, call.Input[i], i) != true)
                {
                    output.Add(Boxes.False);
                    return;
                }
            }

            output.Add(Boxes.True);
        }
        finally
        {
            call.State.ReturnIterationScope(scope);
        }
    }

    private static bool Item(in FunctionCall call, object item) =>
        SystemValue.TryBoolean(item, out var b) ? b : throw call.Error($"expects Booleans, not {SystemValue.Describe(item)}");

    private static void AllTrue(in FunctionCall call, List<object> output)
    {
        var result = true;
        foreach (var item in call.Input)
        {
            result &= Item(call, item);
        }

        output.Add(Boxes.Bool(result));
    }

    private static void AnyTrue(in FunctionCall call, List<object> output)
    {
        var result = false;
        foreach (var item in call.Input)
        {
            result |= Item(call, item);
        }

        output.Add(Boxes.Bool(result));
    }

    private static void AllFalse(in FunctionCall call, List<object> output)
    {
        var result = true;
        foreach (var item in call.Input)
        {
            result &= !Item(call, item);
        }

        output.Add(Boxes.Bool(result));
    }

    private static void AnyFalse(in FunctionCall call, List<object> output)
    {
        var result = false;
        foreach (var item in call.Input)
        {
            result |= !Item(call, item);
        }

        output.Add(Boxes.Bool(result));
    }

    private static void SubsetOf(in FunctionCall call, List<object> output)
    {
        var other = call.ArgList(0);
        output.Add(Boxes.Bool(AllIn(call.Input, other)));
        call.State.Return(other);
    }

    private static void SupersetOf(in FunctionCall call, List<object> output)
    {
        var other = call.ArgList(0);
        output.Add(Boxes.Bool(AllIn(other, call.Input)));
        call.State.Return(other);
    }

    private static bool AllIn(List<object> items, List<object> collection)
    {
        foreach (var item in items)
        {
            if (!Equality.ContainsEqual(collection, item))
            {
                return false;
            }
        }

        return true;
    }

    private static void Count(in FunctionCall call, List<object> output) => output.Add(Boxes.Integer(call.Input.Count));

    private static void Distinct(in FunctionCall call, List<object> output) => BinaryNode.AddDistinct(call.Input, output, output.Count);

    private static void IsDistinct(in FunctionCall call, List<object> output) => output.Add(Boxes.Bool(DistinctItems.AllDifferent(call.Input)));
}
