using FhirGateway.Fhir.Definitions;
using FhirGateway.Validation.Rules;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>The value formats checked in code agree with the R4 regular expressions they replace.</summary>
public sealed class ValueFormatsTests
{
    private static readonly string[] Values =
    [
        string.Empty, " ", "a", " a", "a ", "a b", "a  b", "a\tb", "a\nb", "\u00a0", "a\u00a0b", "\u000b", "http://x/y z",
        "http://example.org/fhir/Patient/1", "urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21", "true", "false", "True",
        "abc-DEF.123", "a_b", new string('a', 64), new string('a', 65), "é", "a\r\nb", "\r", "x\u2028y",
    ];

    public static TheoryData<string> Types => ["string", "markdown", "uri", "url", "canonical", "code", "boolean", "id"];

    [Theory]
    [MemberData(nameof(Types))]
    public void Code_and_regex_agree(string typeName)
    {
        var type = FhirModel.R4.GetType(typeName);
        var regex = type.ValueRegex!;

        Assert.All(Values, v => Assert.True(regex.IsMatch(v) == ValueFormats.IsValid(type, v), $"{typeName} '{v}': regex {regex.IsMatch(v)}"));
    }
}
