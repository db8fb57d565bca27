using System.IO.Compression;
using System.Text.Json;

namespace FhirGateway.Search.Registry;

/// <summary>
/// A compartment (https://hl7.org/fhir/R4/compartmentdefinition.html): for each resource type, the reference
/// parameters that put a resource in the compartment of the resource they refer to. The Patient compartment is
/// read from profiles/r4/compartmentdefinition-patient.json.gz (embedded unchanged).
/// </summary>
public sealed class CompartmentDefinition
{
    private static readonly Lazy<CompartmentDefinition> LazyPatient = new(() => Load("r4/compartmentdefinition-patient.json.gz"));

    private readonly Dictionary<string, IReadOnlyList<string>> _parameters;

    private CompartmentDefinition(string code, Dictionary<string, IReadOnlyList<string>> parameters)
    {
        Code = code;
        _parameters = parameters;
    }

    /// <summary>The Patient compartment.</summary>
    public static CompartmentDefinition Patient => LazyPatient.Value;

    /// <summary>The compartment type, e.g. <c>Patient</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// The parameters of <paramref name="resourceType"/> that link it to the compartment; empty when resources of
    /// that type are never in it. <c>{def}</c> stands for the compartment's own resource.
    /// </summary>
    public IReadOnlyList<string> ParametersFor(string resourceType) => _parameters.GetValueOrDefault(resourceType) ?? [];

    private static CompartmentDefinition Load(string name)
    {
        using var stream = typeof(CompartmentDefinition).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded compartment definition {name} is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var resource in json.RootElement.GetProperty("resource").EnumerateArray())
        {
            if (resource.TryGetProperty("param", out var list))
            {
                parameters[resource.GetProperty("code").GetString()!] = list.EnumerateArray().Select(p => p.GetString()!).ToList();
            }
        }

        return new CompartmentDefinition(json.RootElement.GetProperty("code").GetString()!, parameters);
    }
}
