using FhirGateway.Fhir.Definitions;
using FhirGateway.Search.Indexing;

namespace FhirGateway.Search.Registry;

// Parameters some of whose values are always another parameter's too. A string parameter on a HumanName or an
// Address is searched by each part (https://hl7.org/fhir/R4/search.html#string), so Patient's name holds every
// family and given, and address every address-city, address-postalcode...; a parameter that filters another's
// elements (phone and email: Patient.telecom.where(system='phone')) holds some of its rows. Written under both
// codes, a Patient of the load script repeated 11 of its 38 index rows, and an update that changes demographics
// moved each of them at two random places of the string or token index.
public sealed partial class SearchParameterRegistry
{
    /// <summary>
    /// Gives each parameter the parts it covers on its types (<see cref="SearchParameterInfo.CoveredParts"/>): the
    /// other parameters of the same type and resource type whose every branch selects the same elements as one of
    /// its branches, a filter of them (<c>.where(...)</c>), or (for strings) a part of a HumanName or Address it
    /// selects. A part that itself covers others keeps the whole from covering (its rows would be a remainder too).
    /// Parameters reading a whole's rows (<c>phonetic</c> reads <c>name</c>'s) read its parts too; where the parts
    /// differ from one base type to another, each type is given its own copy of the parameter.
    /// </summary>
    private static void ShareCoveredRows(Dictionary<string, Dictionary<string, SearchParameterInfo>> byBase)
    {
        var covered = new Dictionary<(string Type, string Code), List<string>>();
        foreach (var (type, codes) in byBase)
        {
            if (!FhirModel.R4.TryGetResourceType(type, out var definition) || definition.IsAbstract)
            {
                continue;
            }

            // A union or a composite reading a parameter's rows would miss the values its parts hold.
            var readByOthers = codes.Values.SelectMany(p => (p.RowParts ?? []).Concat(p.ComponentRows ?? [])).ToHashSet(StringComparer.Ordinal);
            foreach (var whole in codes.Values.Where(p => CanCover(p) && !readByOthers.Contains(p.Code)))
            {
                var parts = codes.Values
                    .Where(p => !ReferenceEquals(p, whole) && p.Code != whole.Code && CanCover(p) && p.Type == whole.Type && Covers(whole, p, type))
                    .Select(p => p.Code)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (parts.Count > 0)
                {
                    covered[(type, whole.Code)] = parts;
                }
            }
        }

        foreach (var nested in covered.Where(c => c.Value.Any(part => covered.ContainsKey((c.Key.Type, part)))).Select(c => c.Key).ToList())
        {
            covered.Remove(nested);
        }

        foreach (var (type, codes) in byBase)
        {
            foreach (var (code, parameter) in codes.ToList())
            {
                if (covered.GetValueOrDefault((type, parameter.RowCode)) is not { } parts || parameter.RowParts is not null || parameter.ComponentRows is not null)
                {
                    continue;
                }

                // The same parts on every base type: the parameter itself says so; otherwise this type's copy does.
                var same = parameter.Bases.All(b => covered.GetValueOrDefault((b, parameter.RowCode)) is { } other && other.SequenceEqual(parts, StringComparer.Ordinal));
                if (same)
                {
                    parameter.CoveredParts = parts;
                }
                else
                {
                    codes[code] = parameter.WithCoveredParts(parts);
                }
            }
        }
    }

    // Wholes and parts: parameters writing their own rows, string or token, on concrete types.
    private static bool CanCover(SearchParameterInfo parameter) =>
        CanShare(parameter) && parameter.Type is SearchParamType.String or SearchParamType.Token;

    private static bool Covers(SearchParameterInfo whole, SearchParameterInfo part, string type)
    {
        var wholeBranches = BranchesOn(whole, type).Select(b => FromType(b, type)).ToList();
        var partBranches = BranchesOn(part, type).Select(b => FromType(b, type)).ToList();
        return partBranches.Count > 0 && partBranches.All(p => wholeBranches.Any(w => Within(p, w, whole.Type)));
    }

    // A branch that starts at the resource without naming its type (InsurancePlan's name: "name | alias") selects
    // what the same path after the type's name does.
    private static string FromType(string branch, string type)
    {
        var end = 0;
        while (end < branch.Length && char.IsAsciiLetter(branch[end]))
        {
            end++;
        }

        return end > 0 && (end == branch.Length || branch[end] == '.') && !FhirModel.R4.TryGetResourceType(branch.AsSpan(0, end), out _)
            ? type + "." + branch
            : branch;
    }

    /// <summary>Whether every value <paramref name="part"/> selects is one <paramref name="whole"/> selects, indexed the same way.</summary>
    internal static bool Within(string part, string whole, SearchParamType type)
    {
        if (part == whole)
        {
            return true;
        }

        // Only after a plain path (Type.element...): after "A.b & A.c", ".where(...)" would filter A.c alone.
        if (!IsPlainPath(whole) || !part.StartsWith(whole, StringComparison.Ordinal) || part.Length <= whole.Length + 1 || part[whole.Length] != '.')
        {
            return false;
        }

        var step = part[(whole.Length + 1)..];
        if (step.StartsWith("where(", StringComparison.Ordinal))
        {
            // A filter of the same elements: the parenthesis after where closes at the end.
            return TypeExpressions.ClosingParenthesis(step, "where".Length) == step.Length - 1;
        }

        return type == SearchParamType.String &&
            step.All(char.IsAsciiLetter) &&
            ElementTypeOf(whole) is { } holder &&
            IndexRowWriter.StringParts(holder.Name).Contains(step) &&
            holder.FindElement(step) is { Types: [{ IsPrimitive: true }] };
    }

    private static bool IsPlainPath(string path) => path.Split('.').All(step => step.Length > 0 && step.All(char.IsAsciiLetter));

    // The type of the elements a plain path (Type.element.element) selects, when each step has one type.
    private static TypeDefinition? ElementTypeOf(string path)
    {
        var steps = path.Split('.');
        if (steps.Length < 2 || !FhirModel.R4.TryGetResourceType(steps[0], out var current))
        {
            return null;
        }

        foreach (var step in steps.AsSpan(1))
        {
            if (step.Length == 0 || !step.All(char.IsAsciiLetter) || current.FindElement(step) is not { Types: [var only] })
            {
                return null;
            }

            current = only;
        }

        return current;
    }
}
