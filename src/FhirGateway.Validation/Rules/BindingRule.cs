using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Terminology;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Required bindings are errors, extensible bindings warnings, when the code is not in the value set
/// (https://hl7.org/fhir/R4/terminologies.html#strength). Only value sets that can be expanded locally are checked,
/// and codes from systems that cannot be enumerated here (SNOMED CT, LOINC, ...) are never reported.
/// </summary>
internal static class BindingRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def)
    {
        var binding = def.Binding;
        if (binding is null || binding.Strength is BindingStrength.Preferred or BindingStrength.Example || binding.ValueSet is null || !run.Options.CheckTerminology)
        {
            return;
        }

        var expansion = binding.Expansion(run.Resources.Terminology);
        if (expansion is null)
        {
            return;
        }

        var any = false;
        var unknown = false;
        List<string>? tried = null;
        foreach (var (system, code) in Codes(node))
        {
            any = true;
            switch (expansion.Contains(system, code, run.Resources.Terminology))
            {
                case Membership.Member:
                    return;
                case Membership.Unknown:
                    unknown = true;
                    break;
                default:
                    (tried ??= []).Add(system is null ? "'" + code + "'" : system + "#" + code);
                    break;
            }
        }

        if (unknown)
        {
            return;
        }

        var required = binding.Strength == BindingStrength.Required;
        if (!any)
        {
            if (required && node.Type.Name == "CodeableConcept")
            {
                run.Error(ValidationIssueCodes.BindingRequired, "code-invalid",
                    $"{def.Path} has no code, and a code is required from the value set {expansion.Name} ({binding.ValueSet}).");
            }

            return;
        }

        var message = $"{string.Join(", ", tried!)} {(tried!.Count == 1 ? "is" : "are")} not in the value set {expansion.Name} ({binding.ValueSet})";
        if (required)
        {
            run.Error(ValidationIssueCodes.BindingRequired, "code-invalid", $"{message}, which {def.Path} is required to take its code from.");
        }
        else
        {
            run.Warning(ValidationIssueCodes.BindingExtensible, "code-invalid", $"{message}, which {def.Path} should take its code from unless none fits.");
        }
    }

    /// <summary>The coded values of a node: a code, a Coding, the codings of a CodeableConcept, or a Quantity's unit code.</summary>
    private static IEnumerable<(string? System, string Code)> Codes(ElementNode node)
    {
        switch (node.Type.Name)
        {
            case "Coding" or "Quantity" or "Age" or "Distance" or "Duration" or "Count" or "MoneyQuantity" or "SimpleQuantity":
                if (node.Child("code")?.Value is { } code)
                {
                    yield return (node.Child("system")?.Value, code);
                }

                break;
            case "CodeableConcept":
                foreach (var coding in node.ChildrenNamed("coding"))
                {
                    if (coding.Child("code")?.Value is { } c)
                    {
                        yield return (coding.Child("system")?.Value, c);
                    }
                }

                break;
            default:
                if (node.Type.IsPrimitive && node.Value is { } value)
                {
                    yield return (null, value);
                }

                break;
        }
    }
}
