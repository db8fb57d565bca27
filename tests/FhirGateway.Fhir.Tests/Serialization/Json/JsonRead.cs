using System.Text;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>Reading R4 JSON in the reader tests, and asserting exactly what the reader reports.</summary>
internal static class JsonRead
{
    public static ParseResult R4(string json, FhirReaderOptions? options = null) => FhirJsonReader.Parse(json, FhirModel.R4, options);

    public static ParseResult R4(byte[] utf8, FhirReaderOptions? options = null) => FhirJsonReader.Parse(utf8, FhirModel.R4, options);

    public static (IssueSeverity Severity, string Code, string Location) Error(string code, string location) => (IssueSeverity.Error, code, location);

    public static (IssueSeverity Severity, string Code, string Location) Fatal(string code, string location) => (IssueSeverity.Fatal, code, location);

    /// <summary>Asserts the issues are exactly these, in this order (so a problem reported twice fails too).</summary>
    public static void AssertIssues(ParseResult result, params (IssueSeverity Severity, string Code, string Location)[] expected)
    {
        var actual = result.Issues.Select(i => (i.Severity, i.Code, i.Location)).ToArray();
        Assert.True(
            actual.SequenceEqual(expected),
            $"Expected:\n  {string.Join("\n  ", expected)}\nActual:\n  {string.Join("\n  ", result.Issues)}");
        Assert.All(result.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
    }

    /// <summary>Asserts the read found these errors only and still produced a resource (the rest of the document was read).</summary>
    public static ElementNode AssertErrors(ParseResult result, params (IssueSeverity Severity, string Code, string Location)[] expected)
    {
        AssertIssues(result, expected);
        Assert.All(expected, e => Assert.Equal(IssueSeverity.Error, e.Severity));
        return Assert.IsType<ElementNode>(result.Resource);
    }

    /// <summary>Asserts the read ended with one fatal issue of <paramref name="code"/>, after any errors, and produced no resource.</summary>
    public static ParseIssue AssertFatal(ParseResult result, string code)
    {
        Assert.Null(result.Resource);
        var fatal = Assert.Single(result.Issues, i => i.Severity == IssueSeverity.Fatal);
        Assert.Same(fatal, result.Issues[^1]);
        Assert.True(fatal.Code == code, $"Expected a fatal {code}, got: {string.Join("; ", result.Issues)}");
        return fatal;
    }

    public static ElementNode AssertClean(ParseResult result)
    {
        Assert.True(result.Issues.Count == 0, string.Join("\n", result.Issues));
        return Assert.IsType<ElementNode>(result.Resource);
    }

    /// <summary>The node at a simple path below <paramref name="root"/>: <c>name[1].given[0]</c> (element names, no choice suffix); null when absent.</summary>
    public static ElementNode? At(ElementNode root, string path)
    {
        ElementNode? node = root;
        foreach (var step in path.Split('.'))
        {
            var bracket = step.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? step : step[..bracket];
            var index = bracket < 0 ? 0 : int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            node = node.ChildrenNamed(name).Skip(index).FirstOrDefault();
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The value at a path; fails when there is no node there.</summary>
    public static string? ValueAt(ElementNode root, string path) =>
        (At(root, path) ?? throw new Xunit.Sdk.XunitException($"Nothing at {path} in {FhirJsonWriter.SerializeToString(root)}")).Value;

    /// <summary>How many nodes the element at the end of <paramref name="path"/> has (<c>name[0].given</c>).</summary>
    public static int CountAt(ElementNode root, string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : At(root, path[..dot]);
        return parent is null ? 0 : parent.ChildrenNamed(path[(dot + 1)..]).Count();
    }

    /// <summary>Writes a resource and reads it back, asserting a clean read of an identical tree; returns the JSON.</summary>
    public static string AssertRoundTrips(ElementNode resource)
    {
        var json = FhirJsonWriter.SerializeToString(resource);
        var again = FhirJsonReader.Parse(json, resource.Type.Model);
        Assert.True(again.Issues.Count == 0, $"{json}\n{string.Join("\n", again.Issues)}");
        Assert.True(resource.IsExactly(again.Resource!), json);
        return json;
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
