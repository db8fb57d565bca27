using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Functions;

namespace FhirGateway.FhirPath.Ast;

/// <summary>A function invocation: <c>source.name(args)</c>, or <c>name(args)</c> on the focus.</summary>
internal sealed class FunctionNode : Node
{
    public FunctionNode(Node? source, FunctionDef function, Node[] args, int position)
        : base(position, [source, .. args])
    {
        Source = source;
        Function = function;
        Args = args;
    }

    public Node? Source { get; }

    public FunctionDef Function { get; }

    public Node[] Args { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        if (Source is null)
        {
            Function.Body(new FunctionCall(scope, scope.Focus, this), output);
            return;
        }

        var input = Source.EvaluateToList(scope);
        try
        {
            Function.Body(new FunctionCall(scope, input, this), output);
        }
        finally
        {
            scope.State.Return(input);
        }
    }
}
