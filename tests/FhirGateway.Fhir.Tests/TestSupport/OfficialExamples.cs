using System.Formats.Tar;
using System.IO.Compression;

namespace FhirGateway.Fhir.Tests.TestSupport;

/// <summary>
/// The official FHIR example packages, committed unchanged under tests/data (CC0, HL7):
/// hl7.fhir.r4.examples 4.0.1 and hl7.fhir.r3.examples 3.0.2 from the npm registry.
/// </summary>
internal static class OfficialExamples
{
    private static readonly Lazy<IReadOnlyList<Example>> LazyR4 = new(() => Load("hl7.fhir.r4.examples-4.0.1.tgz"));
    private static readonly Lazy<IReadOnlyList<Example>> LazyStu3 = new(() => Load("hl7.fhir.r3.examples-3.0.2.tgz"));

    public static IReadOnlyList<Example> R4 => LazyR4.Value;

    public static IReadOnlyList<Example> Stu3 => LazyStu3.Value;

    private static List<Example> Load(string file)
    {
        var result = new List<Example>();
        using var stream = File.OpenRead(RepoPaths.Combine("tests", "data", file));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !name.EndsWith(".json", StringComparison.Ordinal) || name is "package.json" or ".index.json")
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            result.Add(new Example(name, buffer.ToArray()));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }
}

/// <summary>One example file.</summary>
internal sealed record Example(string Name, byte[] Content)
{
    public override string ToString() => Name;
}
