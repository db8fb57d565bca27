using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>One invocation of a function: its input collection, its (unevaluated) arguments and the scope.</summary>
internal readonly struct FunctionCall
{
    public FunctionCall(Scope scope, List<object> input, FunctionNode node)
    {
        Scope = scope;
        Input = input;
        Node = node;
    }

    public Scope Scope { get; }

    public List<object> Input { get; }

    public FunctionNode Node { get; }

    public Node[] Args => Node.Args;

    public EvalState State => Scope.State;

    public int Position => Node.Position;

    public string Name => Node.Function.Name;

    public FhirPathEvaluationException Error(string message) => new($"{Name}(): {message}", Position);

    /// <summary>The single input item, null when the input is empty; more items are an error.</summary>
    public object? InputItem() => Input.Count switch
    {
        0 => null,
        1 => Input[0],
        _ => throw Error($"expects a single input item, but the collection has {Input.Count}"),
    };

    /// <summary>The single input item as a string (FHIR string-like primitives convert); null when empty; an error otherwise.</summary>
    public string? InputString()
    {
        var item = InputItem();
        if (item is null or ElementNode { Type.IsPrimitive: true, Value: null })
        {
            // A primitive with only extensions has no value to work on.
            return null;
        }

        return SystemValue.TryString(item, out var s) ? s : throw Error($"expects a String input, not {SystemValue.Describe(item)}");
    }

    /// <summary>Argument <paramref name="index"/> evaluated in the caller's scope to a single item; null when empty or absent.</summary>
    public object? Arg(int index) => index < Args.Length ? Args[index].EvaluateSingle(Scope, $"Argument {index + 1} of {Name}()") : null;

    /// <summary>Argument <paramref name="index"/> evaluated to a pooled list; return it with <see cref="EvalState.Return"/>.</summary>
    public List<object> ArgList(int index) => Args[index].EvaluateToList(Scope);

    public string? StringArg(int index)
    {
        var item = Arg(index);
        if (item is null or ElementNode { Type.IsPrimitive: true, Value: null })
        {
            return null;
        }

        return SystemValue.TryString(item, out var s) ? s : throw Error($"argument {index + 1} must be a String, not {SystemValue.Describe(item)}");
    }

    public long? IntegerArg(int index)
    {
        var item = Arg(index);
        if (item is null)
        {
            return null;
        }

        return SystemValue.TryInteger(item, out var l) ? l : throw Error($"argument {index + 1} must be an Integer, not {SystemValue.Describe(item)}");
    }

    /// <summary>A scope for evaluating an argument per input item; return it with <see cref="EvalState.ReturnIterationScope"/>.</summary>
    public Scope IterationScope() => State.RentIterationScope(Scope);

    /// <summary>Evaluates <paramref name="arg"/> for one item as a Boolean (singleton evaluation).</summary>
    public static bool? Criterion(Node arg, Scope iteration, object item, int index)
    {
        SetItem(iteration, item, index);
        var result = arg.EvaluateToList(iteration);
        try
        {
            return Singleton.ToBoolean(result, arg.Position);
        }
        finally
        {
            iteration.State.Return(result);
        }
    }

    public static void SetItem(Scope iteration, object item, int index)
    {
        iteration.Focus.Clear();
        iteration.Focus.Add(item);
        iteration.Index = index;
    }
}
