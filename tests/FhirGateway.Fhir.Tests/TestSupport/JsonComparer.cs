using System.Text.Json;

namespace FhirGateway.Fhir.Tests.TestSupport;

/// <summary>
/// Compares two JSON documents after canonical normalisation: property order does not matter, numbers are
/// compared by their exact text (so 1.50 and 1.5 differ, as FHIR requires), strings by value.
/// </summary>
internal static class JsonComparer
{
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} but found {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var a = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetValue(name, out var other))
                    {
                        return $"{path}.{name}: missing";
                    }

                    if (FirstDifference(value, other, path + "." + name) is { } d)
                    {
                        return d;
                    }
                }

                var extra = a.Keys.Except(e.Keys).FirstOrDefault();
                return extra is null ? null : $"{path}.{extra}: unexpected";
            case JsonValueKind.Array:
                var ea = expected.EnumerateArray().ToList();
                var aa = actual.EnumerateArray().ToList();
                if (ea.Count != aa.Count)
                {
                    return $"{path}: expected {ea.Count} items but found {aa.Count}";
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    if (FirstDifference(ea[i], aa[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\" but found \"{actual.GetString()}\"";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: expected {expected.GetRawText()} but found {actual.GetRawText()}";
        }
    }

    public static string? FirstDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        expected = expected.StartsWith("\uFEFF"u8) ? expected[3..] : expected;
        using var e = JsonDocument.Parse(expected.ToArray());
        using var a = JsonDocument.Parse(actual.ToArray());
        return FirstDifference(e.RootElement, a.RootElement);
    }
}
