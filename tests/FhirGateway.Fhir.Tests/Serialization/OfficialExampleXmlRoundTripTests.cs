using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>
/// XML against the official examples: every example goes JSON -> model -> XML -> model with an equal model,
/// and XML -> model -> XML gives the same document; JSON -> XML -> JSON is lossless.
/// </summary>
public sealed class OfficialExampleXmlRoundTripTests
{
    [Fact]
    public void Every_R4_example_round_trips_through_XML() => AssertRoundTrips(OfficialExamples.R4, FhirModel.R4);

    [Fact]
    public void Every_STU3_example_round_trips_through_XML() =>
        AssertRoundTrips(OfficialExamples.Stu3.Where(e => e.Name != "ig-r4.json").ToList(), FhirModel.Stu3);

    private static void AssertRoundTrips(IReadOnlyList<Example> examples, FhirModel model)
    {
        var failures = new List<string>();
        foreach (var example in examples)
        {
            if (Check(example, model) is { } failure)
            {
                failures.Add($"{example.Name}: {failure}");
            }
        }

        Assert.True(examples.Count > 1000, "the example package was not read");
        Assert.True(failures.Count == 0, $"{failures.Count} of {examples.Count} examples failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private static string? Check(Example example, FhirModel model)
    {
        var fromJson = FhirJsonReader.Parse(example.Content, model).Resource!;
        var xml = FhirXmlWriter.SerializeToUtf8(fromJson);
        var fromXml = FhirXmlReader.Parse(xml, model);
        if (!fromXml.Success)
        {
            return "XML read back with issues: " + string.Join("; ", fromXml.Issues.Take(3));
        }

        if (TreeDifference.Find(fromJson, fromXml.Resource!) is { } difference)
        {
            return "JSON and XML models differ: " + difference;
        }

        var xmlAgain = FhirXmlWriter.SerializeToUtf8(fromXml.Resource!);
        if (!xml.AsSpan().SequenceEqual(xmlAgain))
        {
            return "XML -> model -> XML changed the document";
        }

        var jsonAgain = FhirJsonWriter.SerializeToUtf8(fromXml.Resource!);
        return JsonComparer.FirstDifference(example.Content, jsonAgain) is { } d ? "JSON -> XML -> JSON: " + d : null;
    }
}
