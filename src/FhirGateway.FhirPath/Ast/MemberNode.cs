using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>
/// A path step: <c>source.name</c>, or a leading <c>name</c> resolved against the focus. A leading name that is
/// the type of a focus item (or a base type) selects the item itself (https://hl7.org/fhirpath/N1/#path-selection).
/// </summary>
internal sealed class MemberNode : Node
{
    public MemberNode(Node? source, string name, bool lenientChoice, int position)
        : base(position, source)
    {
        Source = source;
        Name = name;
        LenientChoice = lenientChoice;
        MayBeTypeName = source is null && name.Length > 0 && char.IsUpper(name[0]);
    }

    public Node? Source { get; }

    public string Name { get; }

    public bool LenientChoice { get; }

    /// <summary>FHIR element names start in lower case, so only a capitalised leading name can be a type.</summary>
    public bool MayBeTypeName { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        if (Source is null)
        {
            Navigate(scope.Focus, output);
            return;
        }

        var input = Source.EvaluateToList(scope);
        Navigate(input, output);
        scope.State.Return(input);
    }

    private void Navigate(List<object> input, List<object> output)
    {
        foreach (var item in input)
        {
            if (MayBeTypeName && item is ElementNode node && Navigation.IsTypeName(node.Type, Name))
            {
                output.Add(node);
                continue;
            }

            Navigation.Children(item, Name, LenientChoice, output);
        }
    }
}
