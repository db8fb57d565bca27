using System.Text;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Definitions;

/// <summary>The direct value checks give the same answer as the definitions' regular expressions.</summary>
public sealed class IsValidValueTests
{
    // Characters that matter to the patterns: letters, digits, id punctuation, XML Schema whitespace, other
    // Unicode whitespace that XML Schema's \s does not cover, a lone surrogate and a non-ASCII letter.
    private const string Alphabet = "aZ09-._ \t\n\r\f\u00A0\u2028\uD800é";

    public static TheoryData<string, string> PrimitiveTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { FhirModel.R4, FhirModel.Stu3 })
        {
            foreach (var type in model.Types.Where(t => t.IsPrimitive && t.ValuePattern is not null))
            {
                data.Add(model.Version, type.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PrimitiveTypes))]
    public void IsValidValue_agrees_with_the_regular_expression(string version, string typeName)
    {
        var model = version == FhirModel.R4.Version ? FhirModel.R4 : FhirModel.Stu3;
        var type = model.GetType(typeName);
        var regex = type.ValueRegex!;
        foreach (var value in Samples())
        {
            Assert.True(regex.IsMatch(value) == type.IsValidValue(value), $"{version} {typeName}: '{Escape(value)}' regex {regex.IsMatch(value)}");
        }
    }

    [Fact]
    public void The_common_patterns_are_checked_directly()
    {
        foreach (var name in new[] { "string", "markdown", "code", "uri", "url", "canonical", "boolean", "id" })
        {
            Assert.NotEqual(ValuePatterns.Kind.Regex, ValuePatterns.KindOf(FhirModel.R4.GetType(name).ValuePattern));
        }

        Assert.Equal(ValuePatterns.Kind.Token, ValuePatterns.KindOf(FhirModel.Stu3.GetType("code").ValuePattern));
    }

    [Fact]
    public void The_R4_date_time_and_number_patterns_are_checked_directly()
    {
        foreach (var name in new[] { "date", "dateTime", "instant", "time", "decimal", "integer" })
        {
            Assert.NotEqual(ValuePatterns.Kind.Regex, ValuePatterns.KindOf(FhirModel.R4.GetType(name).ValuePattern));
        }
    }

    [Fact]
    public void The_direct_checks_agree_with_the_regular_expressions_on_every_short_value_of_the_R4_examples()
    {
        // Every string and number of the official examples up to 64 characters (dates and numbers are shorter),
        // tried as each primitive that has a direct check.
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in OfficialExamples.R4)
        {
            using var document = JsonDocument.Parse(example.Content);
            Collect(document.RootElement, values);
        }

        var types = FhirModel.R4.Types.Where(t => t.IsPrimitive && t.ValuePattern is not null && ValuePatterns.KindOf(t.ValuePattern) != ValuePatterns.Kind.Regex).ToList();
        Assert.Contains(types, t => t.Name == "dateTime");
        var matched = 0;
        foreach (var type in types)
        {
            var regex = type.ValueRegex!;
            foreach (var value in values)
            {
                var expected = regex.IsMatch(value);
                matched += expected ? 1 : 0;
                Assert.True(expected == type.IsValidValue(value), $"R4 {type.Name}: '{Escape(value)}' regex {expected}");
            }
        }

        Assert.True(matched > 1000, "the corpus gave too few matching values to compare");
    }

    [Theory]
    [MemberData(nameof(PrimitiveTypes))]
    public void IsValidValue_agrees_with_the_regular_expression_on_date_and_number_edges(string version, string typeName)
    {
        var model = version == FhirModel.R4.Version ? FhirModel.R4 : FhirModel.Stu3;
        var type = model.GetType(typeName);
        var regex = type.ValueRegex!;
        foreach (var value in DateAndNumberEdges())
        {
            Assert.True(regex.IsMatch(value) == type.IsValidValue(value), $"{version} {typeName}: '{Escape(value)}' regex {regex.IsMatch(value)}");
        }
    }

    [Fact]
    public void A_type_without_a_pattern_accepts_any_value() =>
        Assert.True(FhirModel.R4.GetType("xhtml").IsValidValue(" anything \n"));

    private static IEnumerable<string> Samples()
    {
        // Every string of up to three characters over the alphabet...
        var current = new List<string> { string.Empty };
        yield return string.Empty;
        for (var length = 1; length <= 3; length++)
        {
            var next = new List<string>();
            foreach (var prefix in current)
            {
                foreach (var c in Alphabet)
                {
                    var s = prefix + c;
                    next.Add(s);
                    yield return s;
                }
            }

            current = next;
        }

        // ...and longer ones around the patterns' edges.
        string[] words = ["true", "false", "True", "true ", " false", "truefalse", "final", "a b c", "a  b", "a \tb", "a b ", " a b", "a\nb", "a\r\nb",
            "http://example.org/fhir", "http://example.org/a b", "urn:oid:1.2.3", "urn:uuid:a5b0c6e2-1c1b-4c6e-9a8e-0b6c5e6f7a8b",
            "2019-01-01", "2019-01-01T10:00:00Z", "12:30:00", "-0", "0", "01", "1.50", "1e10", "QUJD", "QUJD RA==", "ab\u00A0cd", "\u2028"];
        foreach (var w in words)
        {
            yield return w;
        }

        yield return new string('a', 64);
        yield return new string('a', 65);
        yield return new string('x', 5000);
        yield return string.Join(' ', Enumerable.Repeat("token", 200));
    }

    private static void Collect(JsonElement element, HashSet<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
            case JsonValueKind.String when element.GetString()!.Length <= 64:
                values.Add(element.GetString()!);
                break;
            case JsonValueKind.Number:
                values.Add(element.GetRawText());
                break;
        }
    }

    private static IEnumerable<string> DateAndNumberEdges()
    {
        // Each field at, inside and just outside its bounds, and every prefix and one-character change of typical values.
        string[] typical = ["2019-01-31T23:59:60.123+14:00", "2019-12-01T00:00:00Z", "0001-01-01T00:00:00-13:59", "2019-10-09", "12:30:45.5",
            "-12.50e+10", "0.5E-3", "-0", "120", "1999-09"];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        const string Replacements = "0123456789-+:.TZeEa ";
        foreach (var t in typical)
        {
            for (var i = 0; i <= t.Length; i++)
            {
                seen.Add(t[..i]);
                seen.Add(t[..i] + t[i..]);
                if (i < t.Length)
                {
                    seen.Add(t.Remove(i, 1));
                    foreach (var c in Replacements)
                    {
                        seen.Add(t[..i] + c + t[(i + 1)..]);
                        seen.Add(t[..i] + c + t[i..]);
                    }
                }
            }
        }

        string[] more = ["0000", "0000-01-01", "0010", "0100", "1000", "9999-12-31", "2019-00", "2019-13", "2019-01-00", "2019-01-32",
            "2019-01-01T24:00:00Z", "2019-01-01T23:60:00Z", "2019-01-01T23:59:61Z", "2019-01-01T10:00:00+14:01", "2019-01-01T10:00:00+15:00",
            "2019-01-01T10:00:00+13:60", "2019-01-01T10:00:00", "2019-01-01T10:00Z", "2019-01-01T10:00:00.Z", "2019-01-01T10:00:00z",
            "2019-01-01t10:00:00Z", "2019-01-01T10:00:00+0100", "2019-01-01T10:00:00.1234567890123+01:00", "00:00:00", "23:59:60",
            "24:00:00", "1:00:00", "10:00", "10:00:00.", "10:00:00Z", "٠١:00:00", "2019-01-01T10:00:00\u0660Z",
            "0", "00", "-", "--1", "+1", "1.", ".5", "1.e5", "1e", "1e+", "1E-0", "01.5", "-0.0", "1.5.5", "1e5e5", "2147483648", "-2147483649",
            "1\n", " 1", "1 ", "١"];
        seen.UnionWith(more);

        return seen;
    }

    private static string Escape(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            sb.Append(c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return sb.ToString();
    }
}
