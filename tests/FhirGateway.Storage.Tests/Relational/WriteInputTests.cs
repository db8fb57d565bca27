using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Storage.Relational;
using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Relational;

public sealed class WriteInputTests
{
    [Fact]
    public void Identity_keys_are_deduplicated_and_sorted_ordinally()
    {
        var write = TestResources.PatientWrite("P") with { IdentityKeys = ["Patient|b", "Patient|B", "Patient|a", "Patient|b"] };

        Assert.Equal(["Patient|B", "Patient|a", "Patient|b"], WriteInput.From(write).Keys);
    }

    [Theory]
    [InlineData("Observation|identifier|x|1")]
    [InlineData("Patient|")]
    [InlineData("identifier|x|1")]
    public void Identity_keys_must_belong_to_the_resource_type(string key) =>
        Assert.Throws<ArgumentException>(() => WriteInput.From(TestResources.PatientWrite("P") with { IdentityKeys = [key] }));

    [Fact]
    public void Conditional_create_needs_a_claim_or_a_key() =>
        Assert.Throws<ArgumentException>(() => WriteInput.ForConditionalCreate(TestResources.PatientWrite("P"), null));

    [Fact]
    public void Without_a_claim_the_identity_keys_are_claimed_as_identifier_criteria_and_claims_are_hashed()
    {
        var write = TestResources.PatientWrite("P") with { IdentityKeys = [TestResources.NhsKey("2"), TestResources.NhsKey("1")] };

        var (_, claim) = WriteInput.ForConditionalCreate(write, null);
        var (_, same) = WriteInput.ForConditionalCreate(TestResources.PatientWrite("Q"), new ConditionalClaim(claim.Criteria));

        Assert.Equal(
            "Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C1&identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C2",
            claim.Criteria);
        Assert.Equal((64, claim.Hash), (claim.Hash.Length, same.Hash));
    }

    [Fact]
    public void Only_root_R4_resources_are_stored()
    {
        var name = TestResources.Patient("P").Child("name")!;
        var stu3 = new ElementNode(FhirModel.Stu3.GetType("Patient"));

        Assert.Throws<ArgumentException>(() => WriteInput.From(new ResourceWrite(name)));
        Assert.Throws<ArgumentException>(() => WriteInput.From(new ResourceWrite(stu3)));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A-1.b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void Valid_ids_pass(string id) => WriteInput.CheckId(id);

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Invalid_ids_are_refused(string id) => Assert.Throws<ArgumentException>(() => WriteInput.CheckId(id));

    [Fact]
    public void Resource_types_come_from_the_R4_model()
    {
        WriteInput.CheckType("Patient");
        Assert.Throws<ArgumentException>(() => WriteInput.CheckType("DomainResource"));
        Assert.Throws<ArgumentException>(() => WriteInput.CheckType("patient"));
    }
}
