using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#tree-navigation: children in definition order, descendants depth first.</summary>
internal static class TreeFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("children", 0, 0, Children, ResultKind.Unknown, FunctionTraits.UnorderedResult);
        t.Add("descendants", 0, 0, Descendants, ResultKind.Unknown, FunctionTraits.UnorderedResult);
    }

    private static void Children(in FunctionCall call, List<object> output)
    {
        foreach (var item in call.Input)
        {
            if (item is ElementNode node)
            {
                foreach (var child in node.Children)
                {
                    output.Add(child);
                }
            }
        }
    }

    private static void Descendants(in FunctionCall call, List<object> output)
    {
        foreach (var item in call.Input)
        {
            if (item is ElementNode node)
            {
                Navigation.Descendants(node, output);
            }
        }
    }
}
