using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// A Coding from a code system that is available locally and complete must use one of its codes, whatever the
/// binding (https://hl7.org/fhir/R4/datatypes.html#Coding: the code is "a symbol in syntax defined by the system").
/// </summary>
internal static class CodingRule
{
    public static void Check(ValidationRun run, ElementNode coding)
    {
        if (!run.Options.CheckTerminology || coding.Child("system")?.Value is not { } system || coding.Child("code")?.Value is not { } code)
        {
            return;
        }

        var cs = run.Resources.Terminology.GetCodeSystem(system);
        if (cs is null || !cs.IsComplete || cs.Find(code) is not null)
        {
            return;
        }

        run.Error(ValidationIssueCodes.UnknownCode, "code-invalid", $"'{code}' is not a code of the code system {cs.Name} ({system}).");
    }
}
