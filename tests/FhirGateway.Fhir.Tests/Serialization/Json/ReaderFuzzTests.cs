using System.Text;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Byte-level mutations of official examples, from a fixed seed so that any failure reproduces. The reader
/// must never throw, must say fatal exactly when it returns no resource, and whatever it returns must be
/// well-formed: written out, it reads back with no issues as the same tree.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int Seed = 20_240_611;
    private const int Mutations = 2000;

    private static readonly string[] Examples =
    [
        "Patient-example.json",
        "Observation-example.json",
        "Bundle-bundle-example.json",
        "Questionnaire-f201.json",
        "Encounter-home.json",
    ];

    // Fragments that JSON and FHIR give meaning to, so that mutations often stay well-formed and reach the FHIR rules.
    private static readonly byte[][] Fragments =
    [
        .. new[]
        {
            "null", "[]", "{}", "[null]", "\"\"", "0", "-0.0", "1.50", "1e3", "2147483648", "true", "\"true\"", "\"x\"",
            ",\"id\":\"a\"", ",\"extension\":[{\"url\":\"http://x\",\"valueString\":\"v\"}]", ",\"_id\":{\"id\":\"i\"}",
            ",\"fhir_comments\":[\"c\"]", ",\"resourceType\":\"Patient\"", ",\"contained\":[{\"resourceType\":\"Basic\"}]",
            ",\"given\":[\"a\",null]", ",\"_given\":[null,{\"id\":\"g\"}]", ",\"_family\":{\"id\":\"f\"}", ",\"valueString\":\"v\"",
            ",\"_valueString\":{\"id\":\"v\"}", ",\"_status\":{\"extension\":[{\"url\":\"http://x\",\"valueCode\":\"c\"}]}",
            "\"_", "\\u00e9", "\\ud800", "<div>", "é", "\"", ",", ":", "[", "]", "{", "}",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF],
        [0xC3],
        [0xEF, 0xBB, 0xBF],
    ];

    [Fact]
    public void Mutated_official_examples_never_break_the_reader()
    {
        var random = new Random(Seed);
        var sources = Examples.Select(name => OfficialExamples.R4.Single(e => e.Name == name).Content).ToArray();
        var failures = new List<string>();
        var outcomes = new int[3];
        for (var i = 0; i < Mutations; i++)
        {
            var source = sources[i % sources.Length];
            var (input, how) = Mutate(source, random);
            var problem = Check(input, outcomes);
            if (problem is not null)
            {
                failures.Add($"#{i} {Examples[i % sources.Length]} {how}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} mutations failed:\n" + string.Join("\n", failures.Take(20)));

        // The mutations reach all three outcomes, so each invariant above was exercised.
        Assert.True(outcomes.All(n => n >= 100), $"clean {outcomes[0]}, with errors {outcomes[1]}, fatal {outcomes[2]}");
    }

    /// <summary>Null when every invariant holds for <paramref name="input"/>, else what broke.</summary>
    private static string? Check(byte[] input, int[] outcomes)
    {
        ParseResult result;
        try
        {
            result = FhirJsonReader.Parse(input);
        }
        catch (Exception e)
        {
            return "the reader threw " + e;
        }

        var fatal = result.Issues.Count(i => i.Severity == IssueSeverity.Fatal);
        if ((result.Resource is null) != (fatal == 1) || fatal > 1)
        {
            return $"{fatal} fatal issues with {(result.Resource is null ? "no" : "a")} resource";
        }

        if (OutcomeProblem(result) is { } outcomeProblem)
        {
            return outcomeProblem;
        }

        if (result.Resource is null)
        {
            outcomes[2]++;
            return null;
        }

        outcomes[result.HasErrors ? 1 : 0]++;
        string written;
        try
        {
            written = FhirJsonWriter.SerializeToString(result.Resource);
        }
        catch (Exception e)
        {
            return "the writer threw " + e;
        }

        var again = FhirJsonReader.Parse(written);
        if (again.Issues.Count > 0 || again.Resource is null || !result.Resource.IsExactly(again.Resource))
        {
            return $"what was read does not read back the same: {string.Join("; ", again.Issues.Take(3))}\n{written}";
        }

        return null;
    }

    /// <summary>The issues make an OperationOutcome that itself reads back cleanly.</summary>
    private static string? OutcomeProblem(ParseResult result)
    {
        var json = FhirJsonWriter.SerializeToString(OperationOutcomeFactory.FromResult(result));
        var read = FhirJsonReader.Parse(json);
        return read.Success ? null : $"its OperationOutcome does not read back: {string.Join("; ", read.Issues.Take(3))}\n{json}";
    }

    private static (byte[] Input, string How) Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        var steps = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        var how = new StringBuilder();
        for (var s = 0; s < steps && bytes.Count > 0; s++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    how.Append($"[set {at}]");
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    var length = Math.Min(random.Next(1, 24), bytes.Count - at);
                    how.Append($"[delete {at}+{length}]");
                    bytes.RemoveRange(at, length);
                    break;
                case 2:
                case 3:
                    var fragment = Fragments[random.Next(Fragments.Length)];
                    at = NearStructure(bytes, at);
                    how.Append($"[insert '{Encoding.UTF8.GetString(fragment)}' at {at}]");
                    bytes.InsertRange(at, fragment);
                    break;
                case 4:
                    var from = random.Next(bytes.Count);
                    var count = Math.Min(random.Next(1, 200), bytes.Count - from);
                    at = NearStructure(bytes, at);
                    how.Append($"[copy {from}+{count} to {at}]");
                    bytes.InsertRange(at, bytes.GetRange(from, count));
                    break;
                default:
                    var replacement = Fragments[random.Next(Fragments.Length)];
                    at = NearStructure(bytes, at);
                    var end = Math.Min(bytes.Count, NextStructure(bytes, at + 1));
                    how.Append($"[replace {at}..{end} with '{Encoding.UTF8.GetString(replacement)}']");
                    bytes.RemoveRange(at, end - at);
                    bytes.InsertRange(at, replacement);
                    break;
            }
        }

        return ([.. bytes], how.ToString());
    }

    /// <summary>The position just after the nearest structural character at or before <paramref name="at"/>.</summary>
    private static int NearStructure(List<byte> bytes, int at)
    {
        for (var i = Math.Min(at, bytes.Count - 1); i >= 0; i--)
        {
            if (bytes[i] is (byte)',' or (byte)':' or (byte)'[' or (byte)'{')
            {
                return i + 1;
            }
        }

        return at;
    }

    private static int NextStructure(List<byte> bytes, int from)
    {
        for (var i = from; i < bytes.Count; i++)
        {
            if (bytes[i] is (byte)',' or (byte)']' or (byte)'}')
            {
                return i;
            }
        }

        return bytes.Count;
    }
}
