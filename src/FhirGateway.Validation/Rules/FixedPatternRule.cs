using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>Fixed values (exact) and patterns (contained) from a profile.</summary>
internal static class FixedPatternRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def)
    {
        if (def.Fixed is { } fixedValue && !ValueComparer.FixedEquals(node, fixedValue))
        {
            run.Error(ValidationIssueCodes.FixedValue, "value",
                $"{def.Path} must be exactly {ValidationRun.Describe(fixedValue)}, but is {ValidationRun.Describe(node)}.");
        }

        if (def.Pattern is { } pattern && !ValueComparer.Matches(node, pattern))
        {
            run.Error(ValidationIssueCodes.PatternValue, "value",
                $"{def.Path} must contain {ValidationRun.Describe(pattern)}, but is {ValidationRun.Describe(node)}.");
        }
    }
}
