using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary><c>source[index]</c> (https://hl7.org/fhirpath/N1/#-index--integer---collection), zero-based.</summary>
internal sealed class IndexerNode : Node
{
    public IndexerNode(Node source, Node index, int position)
        : base(position, source, index)
    {
        Source = source;
        Index = index;
    }

    public Node Source { get; }

    public Node Index { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        var indexItem = Index.EvaluateSingle(scope, "The indexer");
        if (indexItem is null)
        {
            return;
        }

        if (!SystemValue.TryInteger(indexItem, out var index))
        {
            throw new FhirPathEvaluationException("The indexer must be an Integer", Index.Position);
        }

        var input = Source.EvaluateToList(scope);
        if (index >= 0 && index < input.Count)
        {
            output.Add(input[(int)index]);
        }

        scope.State.Return(input);
    }
}
