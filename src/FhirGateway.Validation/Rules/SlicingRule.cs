using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Slicing (https://hl7.org/fhir/R4/profiling.html#slicing): each item of a sliced element is given to the first
/// slice whose discriminators (value, pattern, exists, type, profile) it meets, and validated against that slice;
/// each slice's cardinality is checked, and the rules (closed, openAtEnd) and ordering.
/// </summary>
internal static class SlicingRule
{
    public static void Walk(ValidationRun run, ElementNode parent, ReadOnlySpan<ElementNode> items, ElementDef def, ResourceFrame frame)
    {
        var slicing = def.Slicing!;
        var assigned = new int[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            assigned[k] = Match(run, items[k], def, frame);
        }

        for (var s = 0; s < def.Slices.Count; s++)
        {
            var slice = def.Slices[s];
            var count = 0;
            foreach (var a in assigned)
            {
                if (a == s)
                {
                    count++;
                }
            }

            if (count < slice.Min)
            {
                run.Error(ValidationIssueCodes.SliceCardinality, "required", $"{def.Path}: slice '{slice.SliceName}' needs at least {slice.Min}, but {count} found.");
            }
            else if (count > slice.Max)
            {
                run.Error(ValidationIssueCodes.SliceCardinality, "structure", $"{def.Path}: slice '{slice.SliceName}' allows at most {slice.Max}, but {count} found.");
            }
        }

        var repeating = items[0].Definition!.IsRepeating;
        var last = -1;
        var unmatchedSeen = false;
        for (var k = 0; k < items.Length; k++)
        {
            run.Path.Push(items[k].SerializedName, repeating ? k : -1);
            var s = assigned[k];
            if (s < 0)
            {
                unmatchedSeen = true;
                if (slicing.Rules == SlicingRules.Closed)
                {
                    run.Error(ValidationIssueCodes.SliceUnmatched, "structure",
                        $"This {def.Path} matches none of the slices {string.Join(", ", def.Slices.Select(x => x.SliceName))}, and the slicing is closed.");
                }
            }
            else
            {
                if (slicing.Rules == SlicingRules.OpenAtEnd && unmatchedSeen)
                {
                    run.Error(ValidationIssueCodes.SliceOrder, "structure", $"{def.Path}: items that match no slice must come after those that do (openAtEnd).");
                }

                if (slicing.Ordered && s < last)
                {
                    run.Error(ValidationIssueCodes.SliceOrder, "structure", $"{def.Path}: slice '{def.Slices[s].SliceName}' is out of order; the slices must come in the order the profile defines.");
                }

                last = s;
            }

            run.WalkElement(items[k], s < 0 ? def : def.Slices[s], frame, parent);
            run.Path.Pop();
        }
    }

    /// <summary>The index of the first slice the item meets, or -1.</summary>
    private static int Match(ValidationRun run, ElementNode item, ElementDef def, ResourceFrame frame)
    {
        for (var s = 0; s < def.Slices.Count; s++)
        {
            if (Meets(run, item, def.Slices[s], def.Slicing!.Discriminators, frame))
            {
                return s;
            }
        }

        return -1;
    }

    private static bool Meets(ValidationRun run, ElementNode item, ElementDef slice, Discriminator[] discriminators, ResourceFrame frame)
    {
        foreach (var d in discriminators)
        {
            var actual = DiscriminatorPath.Select(item, d.Path, frame);
            var match = d.Type switch
            {
                DiscriminatorType.Value or DiscriminatorType.Pattern => MeetsValue(run, actual, slice, d.Path),
                DiscriminatorType.Exists => MeetsExists(actual, slice, d.Path, run),
                DiscriminatorType.Type => MeetsType(run, actual, slice, d.Path),
                _ => MeetsProfile(run, actual, slice, d.Path),
            };
            if (!match)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MeetsValue(ValidationRun run, List<ElementNode> actual, ElementDef slice, string path)
    {
        var expected = DiscriminatorPath.Expected(run, slice, path);
        if (expected.Value is { } value)
        {
            foreach (var a in actual)
            {
                if (expected.Exact ? ValueComparer.FixedEquals(a, value) : ValueComparer.Matches(a, value))
                {
                    return true;
                }
            }

            return false;
        }

        if (expected.Literal is { } literal)
        {
            return actual.Exists(a => string.Equals(a.Value, literal, StringComparison.Ordinal));
        }

        // A slice told apart by a required binding: the item's code must be in the value set.
        if (expected.Definition?.Binding is { Strength: BindingStrength.Required, ValueSet: not null } binding &&
            binding.Expansion(run.Resources.Terminology) is { } expansion)
        {
            foreach (var a in actual)
            {
                if (run.Resources.Terminology.MemberOf(a, expansion.Url) == true)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MeetsExists(List<ElementNode> actual, ElementDef slice, string path, ValidationRun run)
    {
        var at = DiscriminatorPath.Expected(run, slice, path).Definition;
        if (at is null)
        {
            return false;
        }

        return actual.Count > 0 ? at.Max > 0 : at.Min == 0;
    }

    private static bool MeetsType(ValidationRun run, List<ElementNode> actual, ElementDef slice, string path)
    {
        var types = DiscriminatorPath.TypesAt(run, slice, path);
        foreach (var a in actual)
        {
            foreach (var t in types)
            {
                if (a.Type.Name == t || (run.Resources.Model.FindType(t) is { } declared && declared.IsAssignableFrom(a.Type)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MeetsProfile(ValidationRun run, List<ElementNode> actual, ElementDef slice, string path)
    {
        var profiles = DiscriminatorPath.ProfilesAt(run, slice, path);
        foreach (var a in actual)
        {
            foreach (var url in profiles)
            {
                if (run.Resources.GetStructure(url) is { } profile && Conformance.Conforms(run, a, profile))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
