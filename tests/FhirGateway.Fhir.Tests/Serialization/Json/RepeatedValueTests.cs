using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// A short value the document repeats is made into a string once and shared; it is still checked against the type
/// of every element that holds it (https://hl7.org/fhir/R4/datatypes.html), not only the type it first came as.
/// </summary>
public sealed class RepeatedValueTests
{
    [Fact]
    public void A_repeated_value_is_one_string_shared_by_its_nodes()
    {
        var patient = AssertClean(R4("""{"resourceType":"Patient","id":"a1","name":[{"family":"a1","given":["a1","b2"]}],"language":"a1"}"""));

        var id = At(patient, "id")!.Value;
        Assert.Equal("a1", id);
        Assert.Same(id, At(patient, "name[0].family")!.Value);
        Assert.Same(id, At(patient, "name[0].given[0]")!.Value);
        Assert.Same(id, At(patient, "language")!.Value);
        Assert.Equal("b2", ValueAt(patient, "name[0].given[1]"));
    }

    [Theory]
    [InlineData("\"name\":[{\"family\":\"ma  le\"}],\"gender\":\"ma  le\"", "Patient.gender")]
    [InlineData("\"gender\":\"ma  le\",\"name\":[{\"family\":\"ma  le\"}]", "Patient.gender")]
    [InlineData("\"name\":[{\"family\":\"1974-13\"}],\"birthDate\":\"1974-13\"", "Patient.birthDate")]
    [InlineData("\"multipleBirthInteger\":1,\"name\":[{\"family\":\"1\"}],\"communication\":[{\"preferred\":1}]", "Patient.communication[0].preferred")]
    public void A_repeated_value_is_checked_against_each_type_it_comes_as(string members, string location)
    {
        var result = R4($$$"""{"resourceType":"Patient",{{{members}}}}""");

        var issue = Assert.Single(result.Issues);
        Assert.Equal(location, issue.Location);
        Assert.Contains(issue.Code, new[] { Codes.InvalidValue, Codes.WrongJsonType });
    }

    [Fact]
    public void A_value_invalid_once_is_reported_every_time()
    {
        var result = R4("""{"resourceType":"Patient","gender":"ma  le","contact":[{"gender":"ma  le"},{"gender":"ma  le"}]}""");

        Assert.Equal(
            ["Patient.gender", "Patient.contact[0].gender", "Patient.contact[1].gender"],
            result.Issues.Select(i => i.Location).ToArray());
        Assert.All(result.Issues, i => Assert.Equal(Codes.InvalidValue, i.Code));
    }

    [Fact]
    public void Values_of_one_read_do_not_leak_into_the_next()
    {
        var first = AssertClean(R4("""{"resourceType":"Patient","id":"shared"}"""));
        var second = AssertClean(R4("""{"resourceType":"Patient","id":"shared"}"""));

        Assert.Equal("shared", ValueAt(second, "id"));
        Assert.NotSame(At(first, "id")!.Value, At(second, "id")!.Value);
    }

    [Fact]
    public void Short_values_keep_the_string_length_limit()
    {
        var options = FhirReaderOptions.Default with { MaxStringLength = 4 };

        AssertErrors(R4("""{"resourceType":"Patient","id":"abcde","language":"abcd"}""", options), Error(Codes.StringTooLong, "Patient.id"));
    }
}
