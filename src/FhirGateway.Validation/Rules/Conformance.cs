using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>Whether an element conforms to a profile, asked by a silent trial run (profile discriminators, reference targets).</summary>
internal static class Conformance
{
    [ThreadStatic]
    private static int _depth;

    public static bool Conforms(ValidationRun run, ElementNode node, StructureDef profile)
    {
        // Profiles that refer to each other through references could otherwise ask forever.
        if (_depth > 4)
        {
            return true;
        }

        _depth++;
        try
        {
            var trial = new ValidationRun(run.Resources, run.Options with { ValidateMetaProfiles = false }) { Silent = true };
            trial.Path.Push(node.IsResource ? node.Type.Name : node.SerializedName, -1);
            if (node.IsResource)
            {
                trial.ValidateResource(node, profile, new ResourceFrame(node, null, null, null), checkMetaProfiles: false);
            }
            else
            {
                trial.WalkElement(node, profile.Root, new ResourceFrame(node, null, null, null), null);
            }

            return trial.SilentErrors == 0;
        }
        finally
        {
            _depth--;
        }
    }
}
