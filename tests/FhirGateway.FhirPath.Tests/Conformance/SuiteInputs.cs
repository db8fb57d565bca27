using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>
/// The input resources the suite names. Most are in tests/data/fhirpath; three JSON inputs are not, and two of
/// them are the same resources as official R4 examples (hl7.fhir.r4.examples 4.0.1, CC0), which are read instead.
/// The others (patient-container-example.json, patient-name-extensions.json) are in neither place, so their tests
/// cannot run.
/// </summary>
internal static class SuiteInputs
{
    private static readonly Dictionary<string, string> FromExamples = new(StringComparer.Ordinal)
    {
        ["explanationofbenefit-example.json"] = "ExplanationOfBenefit-EB3500.json",
        ["appointment-examplereq.json"] = "Appointment-examplereq.json",
    };

    private static readonly ConcurrentDictionary<string, ElementNode?> Cache = new(StringComparer.Ordinal);

    /// <summary>The input resource, or null when it is not available.</summary>
    public static ElementNode? Load(string file) => Cache.GetOrAdd(file, Read);

    private static ElementNode? Read(string file)
    {
        if (FromExamples.TryGetValue(file, out var example))
        {
            return Resources.Json(ReadExample(example));
        }

        var path = RepoPaths.Combine("tests", "data", "fhirpath", file);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        return file.EndsWith(".xml", StringComparison.Ordinal) ? Resources.Xml(bytes) : Resources.Json(bytes);
    }

    private static byte[] ReadExample(string name)
    {
        using var stream = File.OpenRead(RepoPaths.Combine("tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is not null && Path.GetFileName(entry.Name) == name)
            {
                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                return buffer.ToArray();
            }
        }

        throw new FileNotFoundException($"{name} is not in the examples package");
    }
}
