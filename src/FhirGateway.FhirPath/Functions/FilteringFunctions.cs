using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#filtering-and-projection (ofType is a type node).</summary>
internal static class FilteringFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("where", 1, 1, Where, ResultKind.Input, FunctionTraits.IteratesArguments);
        t.Add("select", 1, 1, Select, ResultKind.Projection, FunctionTraits.IteratesArguments);
        t.Add("repeat", 1, 1, Repeat, ResultKind.Unknown, FunctionTraits.IteratesArguments | FunctionTraits.UnorderedResult);
    }

    private static void Where(in FunctionCall call, List<object> output)
    {
        var scope = call.IterationScope();
        try
        {
            for (var i = 0; i < call.Input.Count; i++)
            {
                var item = call.Input[i];
                if (FunctionCall.Criterion(call.Args[0], scope, item, i) == true)
                {
                    output.Add(item);
                }
            }
        }
        finally
        {
            call.State.ReturnIterationScope(scope);
        }
    }

    private static void Select(in FunctionCall call, List<object> output)
    {
        var scope = call.IterationScope();
        try
        {
            for (var i = 0; i < call.Input.Count; i++)
            {
                FunctionCall.SetItem(scope, call.Input[i], i);
                call.Args[0].Evaluate(scope, output);
            }
        }
        finally
        {
            call.State.ReturnIterationScope(scope);
        }
    }

    /// <summary>How many items repeat() may produce: a projection that keeps making new values ((1).repeat($this + 1)) ends with an error.</summary>
    public const int MaxRepeatItems = 100_000;

    /// <summary>
    /// Applies the projection to the input, then to each new item, until nothing new appears. Complex nodes are new
    /// when they are not already in the result (by identity); primitives and other values by equality.
    /// </summary>
    private static void Repeat(in FunctionCall call, List<object> output)
    {
        var scope = call.IterationScope();
        var queue = call.State.RentList();
        var produced = call.State.RentList();
        var seen = new DistinctItems();
        try
        {
            queue.AddRange(call.Input);
            for (var next = 0; next < queue.Count; next++)
            {
                produced.Clear();
                FunctionCall.SetItem(scope, queue[next], next);
                call.Args[0].Evaluate(scope, produced);
                foreach (var item in produced)
                {
                    if (item is ElementNode { Type.IsPrimitive: false } node ? seen.AddNode(node) : seen.Add(item))
                    {
                        if (seen.Count > MaxRepeatItems)
                        {
                            throw call.Error($"the projection produced more than {MaxRepeatItems} items");
                        }

                        output.Add(item);
                        queue.Add(item);
                    }
                }
            }
        }
        finally
        {
            call.State.Return(produced);
            call.State.Return(queue);
            call.State.ReturnIterationScope(scope);
        }
    }
}
