using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary><c>$this</c>, <c>$index</c> or <c>$total</c> (https://hl7.org/fhirpath/N1/#functions).</summary>
internal sealed class SpecialVariableNode : Node
{
    public SpecialVariableNode(string name, int position)
        : base(position) => Name = name;

    public string Name { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        switch (Name)
        {
            case "this":
                output.AddRange(scope.Focus);
                break;
            case "index":
                output.Add(Boxes.Integer(scope.Index));
                break;
            default:
                if (scope.Total is not null)
                {
                    output.AddRange(scope.Total);
                }

                break;
        }
    }
}
