using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>Bindings and codes against the value sets and code systems available locally.</summary>
public sealed class TerminologyRuleTests
{
    [Fact]
    public void A_code_outside_a_required_binding_is_an_error()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","gender":"F"}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.BindingRequired, issue.Code);
        Assert.Equal("code-invalid", issue.IssueType);
        Assert.Equal("Patient.gender", issue.Location);
        Assert.Contains("http://hl7.org/fhir/ValueSet/administrative-gender", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coding_outside_an_extensible_binding_is_a_warning()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","maritalStatus":{"coding":[{"system":"http://example.org/status","code":"x"}]}}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.BindingExtensible && i.Location == "Patient.maritalStatus");
    }

    [Fact]
    public void A_code_a_complete_local_code_system_does_not_have_is_an_error()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","maritalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-MaritalStatus","code":"Q"}]}}
            """);

        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.UnknownCode && i.Location == "Patient.maritalStatus.coding[0]");
    }

    [Fact]
    public void Codes_from_value_sets_built_from_hierarchies_are_accepted()
    {
        // v3 ActEncounterCode is built with an is-a filter on the v3 ActCode hierarchy.
        var result = Resources.Validate("""
            {"resourceType":"Encounter","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"}}
            """);

        Assert.DoesNotContain(result.Issues, i => i.Code is ValidationIssueCodes.BindingExtensible or ValidationIssueCodes.BindingRequired or ValidationIssueCodes.UnknownCode);
    }

    [Fact]
    public void Codes_from_external_systems_are_not_failed()
    {
        var result = Resources.Validate("""
            {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
             "valueQuantity":{"value":3400,"unit":"g","system":"http://unitsofmeasure.org","code":"g"},
             "language":"en-GB"}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void A_concept_with_only_text_where_a_code_is_required_is_an_error()
    {
        var result = Resources.Validate("""
            {"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/1"},"clinicalStatus":{"text":"active"}}
            """);

        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.BindingRequired && i.Location == "AllergyIntolerance.clinicalStatus");
    }
}
