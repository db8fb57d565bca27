using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Tests.TestSupport;

/// <summary>Explains where two element trees first differ (ElementNode.IsExactly only says whether they do).</summary>
internal static class TreeDifference
{
    public static string? Find(ElementNode expected, ElementNode actual, string path = "")
    {
        path = path.Length == 0 ? expected.SerializedName : path;
        if (!ReferenceEquals(expected.Type, actual.Type))
        {
            return $"{path}: type {expected.Type.Name} vs {actual.Type.Name}";
        }

        if (expected.Value != actual.Value)
        {
            return $"{path}: value '{Cut(expected.Value)}' vs '{Cut(actual.Value)}'";
        }

        for (var i = 0; i < Math.Max(expected.ChildCount, actual.ChildCount); i++)
        {
            if (i >= expected.ChildCount || i >= actual.ChildCount)
            {
                return $"{path}: {expected.ChildCount} children vs {actual.ChildCount}";
            }

            var e = expected[i];
            var a = actual[i];
            if (!ReferenceEquals(e.Definition, a.Definition))
            {
                return $"{path}: child {i} is {e.SerializedName} vs {a.SerializedName}";
            }

            if (Find(e, a, $"{path}.{e.SerializedName}[{i}]") is { } d)
            {
                return d;
            }
        }

        return expected.IsExactly(actual) ? null : path + ": differs";
    }

    private static string? Cut(string? s) => s is { Length: > 80 } ? s[..80] + "..." : s;
}
