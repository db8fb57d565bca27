using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>
/// A node of a compiled expression. Evaluation appends the node's result to the output list and never clears
/// it; intermediate collections come from the pools of <see cref="EvalState"/>.
/// </summary>
internal abstract class Node
{
    protected Node(int position, params ReadOnlySpan<Node?> children)
    {
        Position = position;
        var depth = 0;
        foreach (var child in children)
        {
            depth = Math.Max(depth, child?.Depth ?? 0);
        }

        Depth = depth + 1;
        if (Depth > Parsing.Parser.MaxDepth)
        {
            throw new FhirPathSyntaxException($"The expression nests more than {Parsing.Parser.MaxDepth} levels deep", position);
        }
    }

    /// <summary>The offset of the node in the expression text.</summary>
    public int Position { get; }

    /// <summary>The height of the subtree: evaluation recurses this deep.</summary>
    public int Depth { get; }

    public abstract void Evaluate(Scope scope, List<object> output);

    /// <summary>Evaluates into a pooled list the caller returns with <see cref="EvalState.Return"/>.</summary>
    public List<object> EvaluateToList(Scope scope)
    {
        var list = scope.State.RentList();
        Evaluate(scope, list);
        return list;
    }

    /// <summary>Evaluates and returns the single item, null when empty; more than one item is an error.</summary>
    public object? EvaluateSingle(Scope scope, string what)
    {
        var list = EvaluateToList(scope);
        try
        {
            return list.Count switch
            {
                0 => null,
                1 => list[0],
                _ => throw new FhirPathEvaluationException($"{what} must be a single item, but the collection has {list.Count}", Position),
            };
        }
        finally
        {
            scope.State.Return(list);
        }
    }
}
