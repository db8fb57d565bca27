using System.Text;
using FhirGateway.Fhir.Definitions;

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
