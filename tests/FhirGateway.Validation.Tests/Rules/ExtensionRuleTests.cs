using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>Extensions against their definitions and contexts.</summary>
public sealed class ExtensionRuleTests
{
    [Fact]
    public void A_known_extension_in_its_context_is_valid()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","birthDate":"2024-01-02",
             "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"2024-01-02T08:30:00Z"}]}}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void An_extension_outside_its_context_is_an_error()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient",
             "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"2024-01-02T08:30:00Z"}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.ExtensionContext, issue.Code);
        Assert.Equal("Patient.extension[0]", issue.Location);
    }

    [Fact]
    public void An_extension_value_of_the_wrong_type_is_an_error()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueInteger":3}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.TypeNotAllowed, issue.Code);
        Assert.Equal("Patient.extension[0].valueInteger", issue.Location);
    }

    [Fact]
    public void A_complex_extension_is_checked_part_by_part()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-animal",
              "extension":[{"url":"species","valueString":"dog"}]}]}
            """);

        Assert.Contains(result.Issues, i => i.IsError && i.Location == "Patient.extension[0].extension[0].valueString");
    }

    [Fact]
    public void An_unknown_extension_is_a_warning()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","extension":[{"url":"https://example.org/ext","valueString":"x"}]}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.ExtensionUnknown);
    }

    [Fact]
    public void An_extension_needs_a_value_or_extensions_but_not_both()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","extension":[{"url":"https://example.org/ext","valueString":"x",
              "extension":[{"url":"a","valueString":"y"}]}]}
            """);

        Assert.Contains(result.Issues, i => i.IsError && i.Message.Contains("ext-1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_modifier_extension_must_not_be_an_ordinary_extension()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","modifierExtension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"Smith"}]}
            """);

        Assert.Contains(result.Issues, i => i.IsError && i.Code == ValidationIssueCodes.ExtensionContext);
    }
}
