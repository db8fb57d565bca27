using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>
/// Trees built in code can hold nodes without content; the writer leaves them out rather than write what
/// https://hl7.org/fhir/R4/json.html forbids (empty objects, null on both sides), so its output always reads back.
/// </summary>
public sealed class JsonWriterTests
{
    [Fact]
    public void Complex_nodes_without_content_are_left_out()
    {
        var patient = NewPatient();
        patient.AddNew("name");
        patient.AddNew("maritalStatus").AddNew("coding");
        patient.AddNew("gender").Value = "male";

        Assert.Equal("""{"resourceType":"Patient","gender":"male"}""", WriteAndReadBack(patient));
    }

    [Fact]
    public void Only_the_items_with_content_are_written()
    {
        var patient = NewPatient();
        patient.AddNew("name");
        patient.AddNew("name").AddNew("family").Value = "F";
        patient.AddNew("name").AddNew("period");

        Assert.Equal("""{"resourceType":"Patient","name":[{"family":"F"}]}""", WriteAndReadBack(patient));
    }

    [Fact]
    public void Primitive_items_with_neither_value_nor_extensions_are_left_out_of_both_arrays()
    {
        var patient = NewPatient();
        var name = patient.AddNew("name");
        name.AddNew("given").Value = "a";
        name.AddNew("given");
        name.AddNew("given").AddNew("extension").AddNew("url").Value = "http://x";
        name.AddNew("given").AddNew("id");
        name.AddNew("given").Value = "e";

        Assert.Equal(
            """{"resourceType":"Patient","name":[{"given":["a",null,"e"],"_given":[null,{"extension":[{"url":"http://x"}]},null]}]}""",
            WriteAndReadBack(patient));
    }

    [Fact]
    public void A_primitive_whose_extensions_are_all_empty_writes_its_value_only()
    {
        var patient = NewPatient();
        var birthDate = patient.AddNew("birthDate");
        birthDate.Value = "1974-12-25";
        birthDate.AddNew("extension");

        Assert.Equal("""{"resourceType":"Patient","birthDate":"1974-12-25"}""", WriteAndReadBack(patient));
    }

    [Fact]
    public void A_contained_resource_with_nothing_but_its_type_is_written()
    {
        var patient = NewPatient();
        patient.Add(new ElementNode(FhirModel.R4.GetType("Basic"), FhirModel.R4.GetType("Patient").FindElement("contained")));

        Assert.Equal("""{"resourceType":"Patient","contained":[{"resourceType":"Basic"}]}""", WriteAndReadBack(patient));
    }

    [Fact]
    public void Pretty_output_reads_back_as_the_same_tree()
    {
        var example = OfficialExamples.R4.Single(e => e.Name == "Patient-example.json");
        var patient = AssertClean(FhirJsonReader.Parse(example.Content));

        var pretty = FhirJsonWriter.SerializeToString(patient, pretty: true);

        Assert.Contains("\n  \"id\": \"example\",", pretty, StringComparison.Ordinal);
        Assert.True(patient.IsExactly(AssertClean(FhirJsonReader.Parse(pretty))));
    }

    private static ElementNode NewPatient() => new(FhirModel.R4.GetType("Patient"));

    private static string WriteAndReadBack(ElementNode resource)
    {
        var json = FhirJsonWriter.SerializeToString(resource);
        AssertClean(FhirJsonReader.Parse(json));
        return json;
    }
}
