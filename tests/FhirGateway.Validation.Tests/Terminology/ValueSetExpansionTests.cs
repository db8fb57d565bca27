using FhirGateway.Validation.Terminology;

namespace FhirGateway.Validation.Tests.Terminology;

/// <summary>Value sets expanded from the local definitions: whole systems, concept lists, filters, nested value sets, exclusions.</summary>
public sealed class ValueSetExpansionTests
{
    private static TerminologyService Terminology => ConformanceResources.R4.Terminology;

    [Fact]
    public void A_value_set_of_a_whole_code_system_has_its_codes()
    {
        var expansion = Terminology.Expand("http://hl7.org/fhir/ValueSet/administrative-gender")!;

        Assert.Equal(Membership.Member, expansion.Contains(null, "female", Terminology));
        Assert.Equal(Membership.Member, expansion.Contains("http://hl7.org/fhir/administrative-gender", "unknown", Terminology));
        Assert.Equal(Membership.NotMember, expansion.Contains(null, "F", Terminology));
        Assert.Equal(Membership.NotMember, expansion.Contains("http://example.org", "female", Terminology));
    }

    [Fact]
    public void A_version_suffix_is_ignored()
    {
        Assert.NotNull(Terminology.Expand("http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1"));
    }

    [Fact]
    public void An_is_a_filter_takes_the_code_and_its_descendants()
    {
        // v3-ActEncounterCode: the v3 ActCode concept _ActEncounterCode and below.
        var expansion = Terminology.Expand("http://terminology.hl7.org/ValueSet/v3-ActEncounterCode")!;

        Assert.Equal(Membership.Member, expansion.Contains("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", Terminology));
        Assert.Equal(Membership.NotMember, expansion.Contains("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", Terminology));
    }

    [Fact]
    public void Value_sets_including_other_value_sets_have_their_codes()
    {
        var expansion = Terminology.Expand("https://fhirgateway.dev/ValueSet/asq3-2-year-review-scores")!;

        Assert.Equal(15, expansion.Codes.Count());
        Assert.Equal(Membership.Member, expansion.Contains("http://snomed.info/sct", "953211000000100", Terminology));
        Assert.Equal(Membership.NotMember, expansion.Contains("http://snomed.info/sct", "952611000000105", Terminology));
    }

    [Fact]
    public void Codes_of_a_system_not_held_locally_are_unknown()
    {
        // observation-codes is all of LOINC.
        var expansion = Terminology.Expand("http://hl7.org/fhir/ValueSet/observation-codes")!;

        Assert.Equal(Membership.Unknown, expansion.Contains("http://loinc.org", "anything", Terminology));
        Assert.Equal(Membership.NotMember, expansion.Contains("http://example.org/other", "x", Terminology));
    }

    [Fact]
    public void An_unknown_value_set_cannot_be_expanded()
    {
        Assert.Null(Terminology.Expand("https://example.org/ValueSet/nothing"));
    }

    [Fact]
    public void MemberOf_serves_FHIRPath()
    {
        Assert.True(Terminology.MemberOf("male", "http://hl7.org/fhir/ValueSet/administrative-gender"));
        Assert.False(Terminology.MemberOf("M", "http://hl7.org/fhir/ValueSet/administrative-gender"));
        Assert.Null(Terminology.MemberOf("M", "https://example.org/ValueSet/nothing"));
    }
}
