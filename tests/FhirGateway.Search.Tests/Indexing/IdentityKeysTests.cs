using FhirGateway.Search.Indexing;

namespace FhirGateway.Search.Tests.Indexing;

public sealed class IdentityKeysTests
{
    [Fact]
    public void Keys_name_type_system_and_value_with_escapes()
    {
        Assert.Equal("Patient|identifier|https://fhir.nhs.uk/Id/nhs-number|9449305552", IdentityKeys.ForIdentifier("Patient", "https://fhir.nhs.uk/Id/nhs-number", "9449305552"));
        Assert.Equal("Patient|identifier|urn:a\\|b|c\\\\d", IdentityKeys.ForIdentifier("Patient", "urn:a|b", "c\\d"));
        Assert.Null(IdentityKeys.ForIdentifier("Patient", "urn:x", new string('9', 600)));
    }

    [Fact]
    public void Only_types_with_their_own_identifier_parameter_have_keys()
    {
        Assert.Contains("Patient", (IReadOnlySet<string>)IdentityKeys.Types);
        Assert.Contains("Observation", (IReadOnlySet<string>)IdentityKeys.Types);
        Assert.DoesNotContain("Parameters", (IReadOnlySet<string>)IdentityKeys.Types);
        Assert.Equal(
            ["Patient|identifier|urn:a|1"],
            IdentityKeys.Of(Resources.Json("""{"resourceType":"Patient","identifier":[{"system":"urn:a","value":"1"},{"value":"2"},{"system":"urn:b"}]}""")));
    }

    [Theory]
    [InlineData("urn:a|1", "Patient|identifier|urn:a|1")]
    [InlineData("urn:a\\|b|1", "Patient|identifier|urn:a\\|b|1")]
    [InlineData("1", null)]
    [InlineData("|1", null)]
    [InlineData("urn:a|", null)]
    [InlineData("urn:a|1,urn:a|2", null)]
    public void Criteria_name_a_key_when_they_are_one_system_and_value(string value, string? key) =>
        Assert.Equal(key, IdentityKeys.ForCriterion("Patient", value));
}
