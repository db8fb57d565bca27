using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>Cardinality, primitive formats and resource ids against the base R4 definitions.</summary>
public sealed class StructureRuleTests
{
    [Fact]
    public void A_valid_resource_has_no_errors()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","id":"p1","active":true,"name":[{"family":"Smith","given":["Ann"]}],
             "gender":"female","birthDate":"2024-02-29"}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void A_missing_required_element_is_reported_at_its_parent()
    {
        var result = Resources.Validate("""{"resourceType":"Observation","code":{"text":"x"}}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.CardinalityMin, issue.Code);
        Assert.Equal("required", issue.IssueType);
        Assert.Equal("Observation", issue.Location);
        Assert.Contains("Observation.status", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birthDate", "\"2023-02-30\"", "not a real calendar date")]
    [InlineData("birthDate", "\"23-01-01\"", "not a valid date")]
    [InlineData("multipleBirthInteger", "3000000000", "32-bit integer")]
    [InlineData("deceasedDateTime", "\"2023-13-01T00:00:00Z\"", "not a valid dateTime")]
    public void Primitive_values_must_have_their_type_format(string element, string value, string expected)
    {
        var result = Resources.Validate($$"""{"resourceType":"Patient","{{element}}":{{value}}}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.InvalidValue, issue.Code);
        Assert.Equal("Patient." + element, issue.Location);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_value_is_an_error_and_no_value_for_ele_1()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"","resource":{"resourceType":"Patient"}}]}
            """);

        Assert.Equal(2, result.ErrorCount);
        Assert.All(result.Issues.Where(i => i.IsError), i => Assert.Equal("Bundle.entry[0].fullUrl", i.Location));
        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.InvalidValue);
        Assert.Contains(result.Issues, i => i.Message.Contains("ele-1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_string_of_only_white_space_is_a_warning()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","name":[{"family":"  "}]}""");

        Assert.True(result.IsValid, Resources.Describe(result));
        Assert.Contains(result.Issues, i => i.Severity == Fhir.Serialization.IssueSeverity.Warning && i.Location == "Patient.name[0].family");
    }

    [Fact]
    public void Base64_data_must_decode()
    {
        var result = Resources.Validate("""{"resourceType":"Binary","contentType":"text/plain","data":"Zm9v!"}""");

        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.InvalidValue && i.Location == "Binary.data");
    }

    [Fact]
    public void Strings_longer_than_1_MB_are_errors()
    {
        var text = new string('a', 1024 * 1024 + 1);
        var result = Resources.Validate($$"""{"resourceType":"Patient","name":[{"text":"{{text}}"}]}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.TooLong, issue.Code);
        Assert.Equal("Patient.name[0].text", issue.Location);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("x_y")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Resource_ids_must_be_fhir_ids(string id)
    {
        var result = Resources.Validate($$"""{"resourceType":"Patient","id":"{{id}}"}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.InvalidId, issue.Code);
        Assert.Equal("Patient.id", issue.Location);
    }

    [Fact]
    public void Element_ids_are_strings_not_resource_ids()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","name":[{"id":"a b/c","family":"X"}]}""");

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","id":"a b","gender":"other-thing","birthDate":"2023-02-30",
             "contact":[{"gender":"female"}]}
            """);

        Assert.Equal(4, result.ErrorCount);
    }
}
