using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// The code system of <c>code</c> elements with a required binding to a value set drawn from one code system
/// (Patient.gender: http://hl7.org/fhir/administrative-gender), read from the official definitions: the element
/// bindings of profiles-types and profiles-resources (embedded in the FHIR core) and the value sets of
/// profiles/r4/valuesets.json.gz. Token rows of such codes carry that system, so <c>gender=[system]|male</c> matches
/// (https://hl7.org/fhir/R4/search.html#token).
/// </summary>
internal static class BoundCodeSystems
{
    private static readonly Lazy<FrozenDictionary<string, string>> LazyByPath = new(Load);

    /// <summary>The system of the code elements at that element path (<c>Patient.gender</c>), or null.</summary>
    public static string? ForPath(string path) => LazyByPath.Value.GetValueOrDefault(path);

    private static FrozenDictionary<string, string> Load()
    {
        var systems = ValueSetSystems();
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var core = typeof(FhirModel).Assembly;
        foreach (var name in new[] { "r4/profiles-types.json.gz", "r4/profiles-resources.json.gz" })
        {
            using var bundle = Read(core, name);
            foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                if (resource.GetProperty("resourceType").GetString() != "StructureDefinition" ||
                    !resource.TryGetProperty("snapshot", out var snapshot))
                {
                    continue;
                }

                foreach (var element in snapshot.GetProperty("element").EnumerateArray())
                {
                    if (element.TryGetProperty("binding", out var binding) && binding.GetProperty("strength").GetString() == "required" &&
                        binding.TryGetProperty("valueSet", out var valueSet) && IsCode(element) &&
                        systems.TryGetValue(valueSet.GetString()!.Split('|')[0], out var system))
                    {
                        byPath.TryAdd(element.GetProperty("path").GetString()!, system);
                    }
                }
            }
        }

        return byPath.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsCode(JsonElement element) =>
        element.TryGetProperty("type", out var types) && types.GetArrayLength() == 1 && types[0].GetProperty("code").GetString() == "code";

    /// <summary>Value sets that include codes of exactly one code system, and that system.</summary>
    private static Dictionary<string, string> ValueSetSystems()
    {
        var systems = new Dictionary<string, string>(StringComparer.Ordinal);
        using var bundle = Read(typeof(BoundCodeSystems).Assembly, "r4/valuesets.json.gz");
        foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
        {
            var resource = entry.GetProperty("resource");
            if (resource.GetProperty("resourceType").GetString() != "ValueSet" || !resource.TryGetProperty("compose", out var compose))
            {
                continue;
            }

            var included = compose.GetProperty("include").EnumerateArray().ToList();
            var distinct = included.Select(i => i.TryGetProperty("system", out var s) ? s.GetString() : null).Distinct().ToList();
            if (distinct is [{ } system] && !included.Any(i => i.TryGetProperty("valueSet", out _)))
            {
                systems[resource.GetProperty("url").GetString()!] = system;
            }
        }

        return systems;
    }

    private static JsonDocument Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The embedded definitions {name} are missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }
}
