using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>A literal (https://hl7.org/fhirpath/N1/#literals); <c>{ }</c> is a literal with no value.</summary>
internal sealed class LiteralNode : Node
{
    public LiteralNode(object? value, int position)
        : base(position) => Value = value;

    /// <summary>The value, boxed once at compile time; null for the empty collection.</summary>
    public object? Value { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        if (Value is not null)
        {
            output.Add(Value);
        }
    }
}
