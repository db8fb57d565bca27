using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.FhirPath;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Rules;
using FhirGateway.Validation.Walking;
using OfficialExamples = FhirGateway.Fhir.Tests.TestSupport.OfficialExamples;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>
/// The invariants evaluated natively for speed (ele-1, ext-1, dom-2, dom-4, dom-5, dom-6) give the same answer as
/// their R4 FHIRPath expressions on every element of the official R4 examples where they apply. (dom-3, ref-1, txt-1
/// and txt-2 are native because they deliberately differ; see NativeInvariantChecks.)
/// </summary>
public sealed class NativeInvariantEquivalenceTests
{
    private static readonly (NativeInvariant Kind, string Expression, Func<ElementNode, bool> AppliesTo)[] Invariants =
    [
        (NativeInvariant.Ele1, "hasValue() or (children().count() > id.count())", n => !n.IsResource),
        (NativeInvariant.Ext1, "extension.exists() != value.exists()", n => n.Type.Name == "Extension"),
        (NativeInvariant.Dom2, "contained.contained.empty()", n => n.IsResource),
        (NativeInvariant.Dom4, "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()", n => n.IsResource),
        (NativeInvariant.Dom5, "contained.meta.security.empty()", n => n.IsResource),
        (NativeInvariant.Dom6, "text.`div`.exists()", n => n.IsResource),
    ];

    [Fact]
    public void Native_and_fhirpath_agree_on_the_official_examples()
    {
        var run = new ValidationRun(ConformanceResources.R4, ValidationOptions.Default);
        var compiled = Invariants.Select(i => (i.Kind, Expression: FhirPathExpression.Parse(i.Expression), i.AppliesTo)).ToList();
        var checkedCount = 0;
        var disagreements = new List<string>();
        foreach (var example in OfficialExamples.R4.Where((_, i) => i % 5 == 0))
        {
            var resource = FhirJsonReader.Parse(example.Content).Resource;
            if (resource is null)
            {
                continue;
            }

            var frame = new ResourceFrame(resource, null, null, null);
            var context = new EvaluationContext { Resource = resource };
            Visit(resource, node =>
            {
                foreach (var (kind, expression, appliesTo) in compiled)
                {
                    if (!appliesTo(node) || (node.IsResource && node.Definition is not null))
                    {
                        continue;
                    }

                    checkedCount++;
                    var native = NativeInvariantChecks.Holds(run, node, kind, frame, out _);
                    var fhirpath = expression.Predicate(node, context);
                    if (native != fhirpath)
                    {
                        disagreements.Add($"{example.Name}: {kind} on {node}: native {native}, FHIRPath {fhirpath}");
                    }
                }
            });
        }

        Assert.True(checkedCount > 100_000, $"only {checkedCount} checks");
        Assert.Empty(disagreements);
    }

    private static void Visit(ElementNode node, Action<ElementNode> action)
    {
        action(node);
        foreach (var child in node.Children)
        {
            Visit(child, action);
        }
    }
}
