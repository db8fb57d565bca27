using System.Formats.Tar;
using System.IO.Compression;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.FhirPath.Tests.TestSupport;
using Xunit.Abstractions;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>
/// The engine against FHIR's own use of FHIRPath: every invariant of the R4 definitions and every search parameter
/// expression of the R4 examples compiles, and the resource invariants hold on the official R4 examples except where
/// those examples are known to break them.
/// </summary>
public sealed class R4InvariantTests(ITestOutputHelper output)
{
    /// <summary>
    /// Invariants some official examples do not meet: the "name should be usable as an identifier" warnings (*-0),
    /// dom-6 (narrative is a should), sdf-4 (the logical models Event, Request, ... have no base), bdl-7 (duplicate
    /// fullUrls in Bundle-dataelements) and ras-2 (predictions without a probability make it empty).
    /// </summary>
    private static readonly HashSet<string> BrokenByExamples = ["dom-6", "sdf-4", "bdl-7", "ras-2"];

    [Fact]
    public void Every_R4_invariant_compiles()
    {
        var strict = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        var failures = new List<string>();
        foreach (var invariant in R4Invariants.All.DistinctBy(i => (i.Root, i.Expression)))
        {
            try
            {
                FhirPathExpression.Parse(invariant.Expression);

                // Strictly against the resource or type at the root of the path, where the model has it
                // (R4 has no SubscriptionStatus, the R4B resource its bundle carries, nor the abstract MetadataResource).
                // cid-0 names an element ChargeItemDefinition does not have, an error in the R4 definitions.
                if (invariant.Below is null && Fhir.Definitions.FhirModel.R4.FindType(invariant.Root) is not null && invariant.Key != "cid-0")
                {
                    strict.Compile(invariant.Expression, invariant.Root);
                }
            }
            catch (FhirPathException e)
            {
                failures.Add($"{invariant.Path} {invariant.Key}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile(R4Invariants.All.First(i => i.Key == "cid-0").Expression, "ChargeItemDefinition"));
    }

    [Fact]
    public void Every_search_parameter_expression_of_the_R4_examples_compiles()
    {
        var count = 0;
        foreach (var (_, resource) in Examples(every: 1, prefix: "SearchParameter-"))
        {
            if (FhirPathExpression.Parse("expression").Scalar(resource) is ElementNode { Value: { } expression })
            {
                FhirPathExpression.Parse(expression);
                count++;
            }
        }

        Assert.True(count > 1000, $"only {count} expressions");
    }

    /// <summary>Every eighth official example (for time), with every resource in it: bundle entries and contained ones.</summary>
    [Fact]
    public void Resource_invariants_hold_on_the_official_examples()
    {
        var byRoot = R4Invariants.All
            .Where(i => char.IsUpper(i.Path[0]) && !i.Key.StartsWith("ele-", StringComparison.Ordinal))
            .GroupBy(i => i.Root)
            .ToDictionary(g => g.Key, g => g.ToList());
        var resources = FhirPathExpression.Parse("descendants().where($this is Resource) | $this");
        int evaluated = 0, files = 0;
        var failures = new List<string>();
        foreach (var (name, example) in Examples(every: 8))
        {
            files++;
            foreach (var resource in resources.Evaluate(example).Cast<ElementNode>())
            {
                var context = new EvaluationContext { Resource = resource, RootResource = example, Tracer = static (_, _) => { } };
                foreach (var invariant in Applicable(byRoot, resource))
                {
                    var foci = invariant.Below is null ? [resource] : FhirPathExpression.Parse(invariant.Below).Evaluate(resource);
                    foreach (var focus in foci.Cast<ElementNode>())
                    {
                        evaluated++;
                        try
                        {
                            if (!FhirPathExpression.Parse(invariant.Expression).Predicate(focus, context) &&
                                !BrokenByExamples.Contains(invariant.Key) && !invariant.Key.EndsWith("-0", StringComparison.Ordinal))
                            {
                                failures.Add($"{name} {resource.Type.Name} {invariant.Key} is false: {invariant.Expression}");
                            }
                        }
                        catch (FhirPathException e)
                        {
                            failures.Add($"{name} {resource.Type.Name} {invariant.Key} failed: {e.Message}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{evaluated} invariant evaluations over {files} examples");
        Assert.True(evaluated > 10_000, $"only {evaluated} evaluations");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    private static IEnumerable<R4Invariant> Applicable(Dictionary<string, List<R4Invariant>> byRoot, ElementNode resource)
    {
        for (var t = resource.Type; t is not null; t = t.BaseType)
        {
            if (byRoot.TryGetValue(t.Name, out var list))
            {
                foreach (var invariant in list)
                {
                    yield return invariant;
                }
            }
        }
    }

    private static IEnumerable<(string Name, ElementNode Resource)> Examples(int every, string prefix = "")
    {
        using var stream = File.OpenRead(RepoPaths.Combine("tests", "data", "hl7.fhir.r4.examples-4.0.1.tgz"));
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        var index = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !name.EndsWith(".json", StringComparison.Ordinal) || !name.StartsWith(prefix, StringComparison.Ordinal) ||
                name is "package.json" or ".index.json" || index++ % every != 0)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            if (FhirJsonReader.Parse(buffer.ToArray()).Resource is { } resource)
            {
                yield return (name, resource);
            }
        }
    }
}
