using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Profiles;

/// <summary>
/// The NHS number check as the FHIRPath invariant fgw-pat-1 of the baby and mother Patients
/// (https://www.datadictionary.nhs.uk/attributes/nhs_number.html: ten digits, the tenth the modulus 11 check digit of
/// the first nine weighted 10 to 2; a check digit of 10 means the number is invalid).
/// </summary>
public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9000000009")]
    [InlineData("9434765919")]
    [InlineData("9449305552")]
    [InlineData("9449310475")]
    [InlineData("4010232137")]
    public void Known_valid_test_numbers_pass(string number)
    {
        Assert.DoesNotContain(Check(number).Issues, i => i.Message.Contains("fgw-pat-1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("9000000008")]
    [InlineData("9434765918")]
    [InlineData("1234567890")]
    [InlineData("944930555")]
    [InlineData("94493055521")]
    [InlineData("944930555A")]
    [InlineData("944 930 5552")]
    public void Numbers_failing_the_check_are_errors(string number)
    {
        var result = Check(number);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.Invariant, issue.Code);
        Assert.Equal("Patient.identifier[0]", issue.Location);
        Assert.Contains("fgw-pat-1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_identifiers_are_not_checked()
    {
        var result = FhirValidator.Default.Validate(Resources.Json("""
            {"resourceType":"Patient","identifier":[{"system":"https://fhir.nhs.uk/Id/local-patient-identifier","value":"1234567890"}]}
            """), "https://fhirgateway.dev/StructureDefinition/MotherPatient");

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    private static ValidationResult Check(string number) => FhirValidator.Default.Validate(Resources.Json($$"""
        {"resourceType":"Patient","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{number}}"}]}
        """), "https://fhirgateway.dev/StructureDefinition/MotherPatient");
}
