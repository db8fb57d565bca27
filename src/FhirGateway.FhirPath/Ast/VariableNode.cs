using System.Collections;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>
/// An environment variable (https://hl7.org/fhirpath/N1/#environment-variables and
/// https://hl7.org/fhir/R4/fhirpath.html#variables). An undefined variable is an error.
/// </summary>
internal sealed class VariableNode : Node
{
    private const string ValueSetBase = "http://hl7.org/fhir/ValueSet/";
    private const string ExtensionBase = "http://hl7.org/fhir/StructureDefinition/";

    public VariableNode(string name, int position)
        : base(position)
    {
        Name = name;
        Constant = name switch
        {
            "ucum" => "http://unitsofmeasure.org",
            "sct" => "http://snomed.info/sct",
            "loinc" => "http://loinc.org",
            _ when name.StartsWith("vs-", StringComparison.Ordinal) => ValueSetBase + name[3..],
            _ when name.StartsWith("ext-", StringComparison.Ordinal) => ExtensionBase + name[4..],
            _ => null,
        };
    }

    public string Name { get; }

    /// <summary>The value of a fixed variable (%ucum, %sct, %loinc, %vs-*, %ext-*); null for the others.</summary>
    public string? Constant { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        var state = scope.State;
        switch (Name)
        {
            case "context":
                output.AddRange(state.RootFocus);
                return;
            case "resource":
                if (state.Resource is not null)
                {
                    output.Add(state.Resource);
                }

                return;
            case "rootResource":
                if (state.RootResource is not null)
                {
                    output.Add(state.RootResource);
                }

                return;
        }

        if (state.Context.Variables.TryGetValue(Name, out var value))
        {
            Add(value, output);
            return;
        }

        if (Constant is not null)
        {
            output.Add(Constant);
            return;
        }

        throw new FhirPathEvaluationException($"Undefined environment variable '%{Name}'", Position);
    }

    private static void Add(object? value, List<object> output)
    {
        switch (value)
        {
            case null:
                return;
            case string or Fhir.Model.ElementNode:
                output.Add(value);
                return;
            case int i:
                output.Add(Boxes.Integer(i));
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    Add(item, output);
                }

                return;
            default:
                output.Add(value);
                return;
        }
    }
}
