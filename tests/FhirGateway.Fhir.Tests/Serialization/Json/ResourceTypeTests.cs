using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>Every resource object names its type in resourceType (https://hl7.org/fhir/R4/json.html#resources).</summary>
public sealed class ResourceTypeTests
{
    [Fact]
    public void A_document_without_resourceType_is_fatal()
    {
        var result = R4("""{"id":"a","gender":"male"}""");

        AssertIssues(result, Fatal(Codes.MissingResourceType, string.Empty));
        Assert.Null(result.Resource);
    }

    [Theory]
    [InlineData("Patientt")]
    [InlineData("patient")]
    [InlineData("")]
    [InlineData("Patient ")]
    public void An_unknown_resourceType_is_fatal(string name)
    {
        var result = R4($$$"""{"resourceType":"{{{name}}}","id":"a"}""");

        AssertIssues(result, Fatal(Codes.UnknownResourceType, "resourceType"));
        Assert.Null(result.Resource);
    }

    [Theory]
    [InlineData("DomainResource", "abstract")]
    [InlineData("Resource", "abstract")]
    [InlineData("HumanName", "data type")]
    [InlineData("string", "data type")]
    public void An_abstract_resource_or_a_data_type_is_not_a_resourceType(string name, string reason)
    {
        var result = R4($$$"""{"resourceType":"{{{name}}}","id":"a"}""");

        AssertIssues(result, Fatal(Codes.UnknownResourceType, "resourceType"));
        Assert.Contains(reason, result.Issues[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("{\"name\":\"Patient\"}")]
    [InlineData("[\"Patient\"]")]
    public void A_resourceType_that_is_not_a_string_is_fatal(string value)
    {
        AssertIssues(R4($$$"""{"resourceType":{{{value}}},"id":"a"}"""), Fatal(Codes.WrongJsonType, "resourceType"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"resourceType\":\"Patient\"}]")]
    [InlineData("\"Patient\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_document_that_is_not_an_object_is_not_a_resource(string json)
    {
        AssertIssues(R4(json), Fatal(Codes.NotAResource, string.Empty));
    }

    [Fact]
    public void ResourceType_need_not_come_first()
    {
        var first = AssertClean(R4("""{"resourceType":"Patient","id":"a","name":[{"family":"F"}]}"""));
        var last = AssertClean(R4("""{"id":"a","name":[{"family":"F"}],"resourceType":"Patient"}"""));

        Assert.Equal("Patient", last.Type.Name);
        Assert.True(first.IsExactly(last));
    }

    [Fact]
    public void A_repeated_resourceType_is_a_duplicate_and_the_rest_is_read()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","id":"a","resourceType":"Observation","gender":"male"}"""),
            Error(Codes.DuplicateProperty, "Patient.resourceType"));

        Assert.Equal("Patient", patient.Type.Name);
        Assert.Equal("a", ValueAt(patient, "id"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_contained_resource_without_resourceType_is_left_out_and_the_rest_is_read()
    {
        var patient = AssertErrors(
            R4("""{"resourceType":"Patient","contained":[{"id":"o1","name":"Acme"},{"resourceType":"Organization","id":"o2"}],"gender":"male"}"""),
            Error(Codes.MissingResourceType, "Patient.contained[0]"));

        Assert.Equal(1, CountAt(patient, "contained"));
        Assert.Equal("o2", ValueAt(patient, "contained.id"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Theory]
    [InlineData("Organisation")]
    [InlineData("DomainResource")]
    [InlineData("Resource")]
    public void A_contained_resource_of_no_concrete_type_is_left_out(string name)
    {
        var patient = AssertErrors(
            R4($$$"""{"resourceType":"Patient","contained":[{"resourceType":"{{{name}}}","id":"x"}],"gender":"male"}"""),
            Error(Codes.UnknownResourceType, "Patient.contained[0].resourceType"));

        Assert.Null(At(patient, "contained"));
        Assert.Equal("male", ValueAt(patient, "gender"));
    }

    [Fact]
    public void A_contained_resourceType_that_is_not_a_string_is_a_wrong_type()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","contained":[{"resourceType":1}]}"""),
            Error(Codes.WrongJsonType, "Patient.contained[0].resourceType"));
    }

    [Fact]
    public void Bundle_entry_resources_are_checked_one_by_one()
    {
        var bundle = AssertErrors(
            R4("""
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Pateint","id":"1"}},
                  {"fullUrl":"urn:uuid:2","resource":{"id":"2"}},
                  {"fullUrl":"urn:uuid:3","resource":{"id":"3","resourceType":"Patient"}},
                  {"fullUrl":"urn:uuid:4","resource":{"resourceType":"Patient","resourceType":"Patient"}}
                ]}
                """),
            Error(Codes.UnknownResourceType, "Bundle.entry[0].resource.resourceType"),
            Error(Codes.MissingResourceType, "Bundle.entry[1].resource"),
            Error(Codes.DuplicateProperty, "Bundle.entry[3].resource.resourceType"));

        Assert.Equal(4, CountAt(bundle, "entry"));
        Assert.Equal("urn:uuid:1", ValueAt(bundle, "entry[0].fullUrl"));
        Assert.Null(At(bundle, "entry[0].resource"));
        Assert.Equal("3", ValueAt(bundle, "entry[2].resource.id"));
        Assert.Equal("Patient", At(bundle, "entry[3].resource")!.Type.Name);
    }

    [Fact]
    public void A_resource_element_limited_to_one_type_refuses_others()
    {
        var bundle = AssertErrors(
            R4("""{"resourceType":"Bundle","type":"batch-response","entry":[{"response":{"status":"200","outcome":{"resourceType":"Patient","id":"p"}}}]}"""),
            Error(Codes.WrongJsonType, "Bundle.entry[0].response.outcome"));

        Assert.Equal("200", ValueAt(bundle, "entry.response.status"));
        Assert.Null(At(bundle, "entry.response.outcome"));
    }

    [Fact]
    public void ResourceType_in_a_data_type_is_an_unknown_element()
    {
        AssertErrors(
            R4("""{"resourceType":"Patient","name":[{"resourceType":"HumanName","family":"F"}]}"""),
            Error(Codes.UnknownElement, "Patient.name[0].resourceType"));
    }

    [Fact]
    public void The_resource_type_comes_from_the_model_asked_for()
    {
        // ServiceRequest is a resource type in R4 and not in STU3.
        var json = """{"resourceType":"ServiceRequest","id":"s"}""";

        Assert.True(FhirJsonReader.Parse(json, FhirModel.R4).Success);
        AssertIssues(FhirJsonReader.Parse(json, FhirModel.Stu3), Fatal(Codes.UnknownResourceType, "resourceType"));
    }
}
