using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>A profile may narrow the types an element takes (a choice to one type, a resource element to some types).</summary>
internal static class TypeRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def)
    {
        var name = node.Type.Name;
        foreach (var t in def.Types)
        {
            if (string.Equals(t.Code, name, StringComparison.Ordinal))
            {
                return;
            }

            // A resource where Resource is allowed, a backbone element where BackboneElement is.
            if (run.Resources.Model.FindType(t.Code) is { IsAbstract: true } allowed && allowed.IsAssignableFrom(node.Type))
            {
                return;
            }
        }

        run.Error(ValidationIssueCodes.TypeNotAllowed, "structure",
            $"{def.Path} does not allow the type {name} here; allowed: {string.Join(", ", def.Types.Select(t => t.Code))}.");
    }
}
