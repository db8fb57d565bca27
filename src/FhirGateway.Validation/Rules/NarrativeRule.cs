using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Names each element and attribute that breaks the narrative rules (https://hl7.org/fhir/R4/narrative.html#xhtml),
/// beside the txt-1 invariant that says the narrative as a whole breaks them.
/// </summary>
internal static class NarrativeRule
{
    public static void Check(ValidationRun run, ElementNode div)
    {
        if (div.Value is not { } xhtml)
        {
            return;
        }

        foreach (var problem in NarrativeXhtml.Check(xhtml).Problems)
        {
            run.Error(ValidationIssueCodes.NarrativeContent, "value", $"The narrative breaks the XHTML rules of FHIR: {problem}.");
        }
    }
}
