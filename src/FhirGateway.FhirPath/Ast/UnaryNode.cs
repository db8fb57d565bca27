using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>Unary <c>+</c> or <c>-</c> (https://hl7.org/fhirpath/N1/#operator-precedence): below invocation, above multiplication.</summary>
internal sealed class UnaryNode : Node
{
    public UnaryNode(bool negate, Node operand, int position)
        : base(position, operand)
    {
        Negate = negate;
        Operand = operand;
    }

    public bool Negate { get; }

    public Node Operand { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        var item = Operand.EvaluateSingle(scope, Negate ? "Unary minus" : "Unary plus");
        if (item is null)
        {
            return;
        }

        if (!Negate)
        {
            if (SystemValue.KindOf(item) is not (SystemKind.Integer or SystemKind.Decimal or SystemKind.Quantity))
            {
                throw new FhirPathEvaluationException($"Unary plus cannot be applied to {SystemValue.Describe(item)}", Position);
            }

            output.Add(item);
            return;
        }

        if (Arithmetic.Negate(item, Position) is { } result)
        {
            output.Add(result);
        }
    }
}
