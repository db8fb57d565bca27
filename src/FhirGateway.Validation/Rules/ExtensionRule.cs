using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Extensions (https://hl7.org/fhir/R4/extensibility.html): an extension whose definition is known (the core
/// extensions, the gateway's, or the profile a slice names) is validated against it, must be used in one of the
/// contexts the definition allows, and must sit in <c>modifierExtension</c> exactly when it is a modifier. An
/// extension whose definition is not known gets a warning: its content is still checked as a plain Extension.
/// </summary>
internal static class ExtensionRule
{
    public static void Check(ValidationRun run, ElementNode extension, ElementDef def, ResourceFrame frame, ElementNode? parent)
    {
        var url = extension.Child("url")?.Value;
        var profiles = def.Types.Length > 0 ? def.Types[0].Profiles : [];
        if (profiles.Length > 0)
        {
            if (def.EffectiveChildren.Count > 0)
            {
                run.ExtensionDescribed();
            }

            foreach (var profileUrl in profiles)
            {
                var profile = run.Resources.GetStructure(profileUrl);
                if (profile is null)
                {
                    if (def.EffectiveChildren.Count == 0)
                    {
                        Unknown(run, profileUrl);
                    }

                    continue;
                }

                run.ExtensionDescribed();
                Against(run, extension, def, profile, frame, parent);
            }

            return;
        }

        // The definition itself (a slice of a complex extension, or an extension's root) says what the content is;
        // a relative url names a part of a complex extension that no slice describes.
        if (def.EffectiveChildren.Count > 0 || def.Parent is null || url is null || !url.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        var definition = run.Resources.GetStructure(url);
        if (definition is null)
        {
            Unknown(run, url);
            return;
        }

        Against(run, extension, def, definition, frame, parent);
    }

    private static void Against(ValidationRun run, ElementNode extension, ElementDef def, StructureDef definition, ResourceFrame frame, ElementNode? parent)
    {
        if (definition.Type != "Extension")
        {
            run.Error(ValidationIssueCodes.TypeNotAllowed, "structure", $"{definition.Url} is a {definition.Type} definition, not an extension.");
            return;
        }

        if (parent is not null)
        {
            Context(run, definition, parent);
        }

        if (def.Name == "modifierExtension" && !definition.Root.IsModifier)
        {
            run.Error(ValidationIssueCodes.ExtensionContext, "extension", $"The extension {definition.Url} is not a modifier extension, so it belongs in extension, not modifierExtension.");
        }
        else if (def.Name == "extension" && definition.Root.IsModifier)
        {
            run.Error(ValidationIssueCodes.ExtensionContext, "extension", $"The extension {definition.Url} is a modifier extension, so it belongs in modifierExtension.");
        }

        if (!ReferenceEquals(definition.Root, def))
        {
            run.WalkElement(extension, definition.Root, frame, parent);
        }
    }

    /// <summary>
    /// Places where R4's own definitions and examples use core extensions outside the contexts those extensions
    /// declare: structuredefinition-fhir-type and regex sit on ElementDefinition.type in every R4 snapshot, and
    /// structuredefinition-normative-version on many kinds of conformance resource. The HL7 reference validator
    /// accepts these places too.
    /// </summary>
    private static readonly Dictionary<string, string[]> ExtraContexts = new(StringComparer.Ordinal)
    {
        ["http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"] = ["ElementDefinition.type"],
        ["http://hl7.org/fhir/StructureDefinition/regex"] = ["ElementDefinition.type"],
        ["http://hl7.org/fhir/StructureDefinition/structuredefinition-normative-version"] = ["Element"],
    };

    private static void Unknown(ValidationRun run, string url) =>
        run.Warning(ValidationIssueCodes.ExtensionUnknown, "extension", $"The extension {url} is not known here, so only its structure was checked.");

    /// <summary>StructureDefinition.context (https://hl7.org/fhir/R4/extensibility.html#context).</summary>
    private static void Context(ValidationRun run, StructureDef definition, ElementNode parent)
    {
        if (definition.Contexts.Length == 0)
        {
            return;
        }

        foreach (var context in definition.Contexts)
        {
            if (Matches(run, context, parent))
            {
                return;
            }
        }

        foreach (var extra in ExtraContexts.GetValueOrDefault(definition.Url) ?? [])
        {
            if (Matches(run, new ExtensionContext("element", extra), parent))
            {
                return;
            }
        }

        var where = parent.IsResource ? parent.Type.Name : parent.Definition?.Path ?? parent.Type.Name;
        run.Error(ValidationIssueCodes.ExtensionContext, "extension",
            $"The extension {definition.Url} is not allowed on {where}; its definition allows it on {string.Join(", ", definition.Contexts.Select(c => c.Expression))}.");
    }

    private static bool Matches(ValidationRun run, ExtensionContext context, ElementNode parent)
    {
        var expression = context.Expression;
        switch (context.Type)
        {
            case "fhirpath":
                // FHIRPath contexts are not evaluated; the extension is accepted.
                return true;
            case "extension":
                return parent.Type.Name == "Extension" && string.Equals(parent.Child("url")?.Value, expression, StringComparison.Ordinal);
        }

        if (expression is "Element" or "Base")
        {
            return true;
        }

        for (var t = parent.Type; t is not null; t = t.BaseType)
        {
            if (t.Name == expression)
            {
                return true;
            }
        }

        if (parent.Definition?.Path == expression)
        {
            return true;
        }

        // A context naming the full path from the resource (Patient.name.given) rather than the type's (HumanName.given).
        if (expression.Contains('.', StringComparison.Ordinal))
        {
            var path = run.Path.ElementPath();
            var dot = path.LastIndexOf('.');
            return dot > 0 && path[..dot].EndsWith(expression, StringComparison.Ordinal);
        }

        return false;
    }
}
