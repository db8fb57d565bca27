using System.Collections;
using System.Reflection;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>
/// The generated properties reach every element of the official examples of the generated resources: walking
/// the typed properties alone visits every node of the tree, and no getter fails on real content.
/// </summary>
public sealed class TypedCoverageTests
{
    [Fact]
    public void Typed_properties_reach_every_node_of_the_official_examples()
    {
        var failures = new List<string>();
        var checkedExamples = 0;
        foreach (var example in OfficialExamples.R4)
        {
            var root = FhirJsonReader.Parse(example.Content).Resource;
            if (root is null || FhirObject.Wrap(root) is GenericResource or GenericDomainResource)
            {
                continue;
            }

            checkedExamples++;
            var visited = new HashSet<ElementNode>(ReferenceEqualityComparer.Instance);
            try
            {
                Visit(FhirObject.Wrap(root), visited);
            }
            catch (Exception e) when (e is TargetInvocationException or InvalidCastException or ArgumentException)
            {
                failures.Add($"{example.Name}: {e.InnerException?.Message ?? e.Message}");
                continue;
            }

            var missed = AllNodes(root).Where(n => !visited.Contains(n)).Take(3).ToList();
            if (missed.Count > 0)
            {
                failures.Add($"{example.Name}: not reached: {string.Join(", ", missed.Select(n => n.Definition?.Path ?? n.Type.Name))}");
            }
        }

        Assert.True(checkedExamples > 200, $"only {checkedExamples} examples have a generated class");
        Assert.True(failures.Count == 0, $"{failures.Count} examples failed:\n" + string.Join("\n", failures.Take(30)));
    }

    private static void Visit(FhirObject o, HashSet<ElementNode> visited)
    {
        if (!visited.Add(o.Node) || o is GenericResource or GenericDomainResource or GenericBackboneElement)
        {
            return;
        }

        foreach (var p in o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name is "Node" or "LexicalValue" || p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            object? value;
            try
            {
                value = p.GetValue(o);
            }
            catch (TargetInvocationException e) when (e.InnerException is FormatException && p.PropertyType == typeof(decimal?))
            {
                // A decimal beyond .NET's range (Observation-decimal.json); its text stays readable.
                continue;
            }

            switch (value)
            {
                case FhirObject child:
                    Visit(child, visited);
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        if (item is FhirObject f)
                        {
                            Visit(f, visited);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Every node of the tree, except those of resources read through a generic view (only their own node is expected).</summary>
    private static List<ElementNode> AllNodes(ElementNode root)
    {
        var result = new List<ElementNode>();
        var stack = new Stack<ElementNode>([root]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            result.Add(n);
            if (n.IsResource && n != root && FhirObject.Wrap(n) is GenericResource or GenericDomainResource)
            {
                continue;
            }

            foreach (var c in n.Children)
            {
                stack.Push(c);
            }
        }

        return result;
    }
}
