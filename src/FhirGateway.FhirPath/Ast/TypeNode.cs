using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary><c>x is T</c>, <c>x as T</c>, and the functions <c>is(T)</c>, <c>as(T)</c> and <c>ofType(T)</c>.</summary>
internal sealed class TypeNode : Node
{
    public TypeNode(TypeOperation operation, Node? source, TypeSpecifier type, int position, bool asFiltersCollections = false)
        : base(position, source)
    {
        Operation = operation;
        Source = source;
        Type = type;
        AsFiltersCollections = asFiltersCollections;
    }

    public TypeOperation Operation { get; }

    /// <summary>The operand; null for a function called without a source (on the focus).</summary>
    public Node? Source { get; }

    public TypeSpecifier Type { get; }

    /// <summary>
    /// Whether <c>as</c> on more than one item keeps the items of the type instead of failing. FHIR R4's own
    /// definitions rely on it (invariant dom-3: <c>%resource.descendants().as(canonical)</c>; search parameters such
    /// as <c>Observation.component.value as CodeableConcept</c>); strict compilation turns it off.
    /// </summary>
    public bool AsFiltersCollections { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        var input = Source is null ? scope.Focus : Source.EvaluateToList(scope);
        try
        {
            if (Operation == TypeOperation.OfType || (AsFiltersCollections && input.Count > 1))
            {
                foreach (var item in input)
                {
                    if (Type.Matches(item, cast: true, Position))
                    {
                        output.Add(item);
                    }
                }

                return;
            }

            var single = Singleton.Item(input, Operation == TypeOperation.Is ? "is" : "as", Position);
            if (single is null)
            {
                return;
            }

            if (Operation == TypeOperation.Is)
            {
                output.Add(Boxes.Bool(Type.Matches(single, cast: false, Position)));
            }
            else if (Type.Matches(single, cast: true, Position))
            {
                output.Add(single);
            }
        }
        finally
        {
            if (Source is not null)
            {
                scope.State.Return(input);
            }
        }
    }
}
