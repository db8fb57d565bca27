using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>Every official example reads without an issue and writes back to the same JSON.</summary>
public sealed class OfficialExampleJsonRoundTripTests
{
    [Fact]
    public void Every_R4_example_round_trips_through_the_model() => AssertRoundTrips(OfficialExamples.R4, FhirModel.R4);

    [Fact]
    public void Every_STU3_example_round_trips_through_the_model() =>
        // ig-r4.json is an R4 ImplementationGuide the STU3 package ships for the R4 build; it is not STU3 content.
        AssertRoundTrips(OfficialExamples.Stu3.Where(e => e.Name != "ig-r4.json").ToList(), FhirModel.Stu3);

    private static void AssertRoundTrips(IReadOnlyList<Example> examples, FhirModel model)
    {
        var failures = new List<string>();
        foreach (var example in examples)
        {
            var result = FhirJsonReader.Parse(example.Content, model);
            if (!result.Success)
            {
                failures.Add($"{example.Name}: {string.Join("; ", result.Issues.Take(3))}");
                continue;
            }

            var written = FhirJsonWriter.SerializeToUtf8(result.Resource!);
            if (JsonComparer.FirstDifference(example.Content, written) is { } difference)
            {
                failures.Add($"{example.Name}: {difference}");
            }
        }

        Assert.True(examples.Count > 1000, "the example package was not read");
        Assert.True(failures.Count == 0, $"{failures.Count} of {examples.Count} examples failed:\n" + string.Join("\n", failures.Take(40)));
    }
}
