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

    /// <summary>
    /// Applies the projection to the input, then to each new item, until nothing new appears. Nodes are new when
    /// they are not already in the result (by identity); other values by equality.
    /// </summary>
    private static void Repeat(in FunctionCall call, List<object> output)
    {
        var start = output.Count;
        var scope = call.IterationScope();
        var queue = call.State.RentList();
        var produced = call.State.RentList();
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
                    if (!Seen(output, start, item))
                    {
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

    private static bool Seen(List<object> items, int start, object item)
    {
        for (var i = start; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], item))
            {
                return true;
            }

            if (item is not ElementNode && items[i] is not ElementNode && Equality.AreEqual(items[i], item) == true)
            {
                return true;
            }
        }

        return false;
    }
}
