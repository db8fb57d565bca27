using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>Resources built with the typed classes write the FHIR JSON one would expect.</summary>
public sealed class TypedBuildTests
{
    [Fact]
    public void A_patient_writes_in_definition_order()
    {
        var patient = new Patient
        {
            // Set out of definition order on purpose: the node keeps definition order.
            BirthDate = "1974-12-25",
            Gender = "male",
            Active = true,
            Id = "p1",
            Name =
            {
                new HumanName { Use = "official", Family = "Chalmers", Given = { "Peter", "James" } },
            },
            Identifier = { new Identifier { System = "urn:oid:1.2.36.146.595.217.0.1", Value = "12345" } },
            Deceased = new FhirBoolean(false),
        };
        patient.BirthDateElement!.Extension.Add(new Extension
        {
            Url = "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
            Value = new FhirDateTime("1974-12-25T14:35:45-05:00"),
        });

        AssertJson(
            """
            {"resourceType":"Patient","id":"p1",
             "identifier":[{"system":"urn:oid:1.2.36.146.595.217.0.1","value":"12345"}],
             "active":true,
             "name":[{"use":"official","family":"Chalmers","given":["Peter","James"]}],
             "gender":"male","birthDate":"1974-12-25",
             "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"1974-12-25T14:35:45-05:00"}]},
             "deceasedBoolean":false}
            """,
            patient);
        Assert.Equal(["id", "identifier", "active", "name", "gender", "birthDate", "deceased"], Names(patient.Node));
    }

    [Fact]
    public void An_observation_with_a_quantity_writes_valueQuantity_with_exact_decimals()
    {
        var observation = new Observation
        {
            Status = "final",
            Code = new CodeableConcept { Coding = { new Coding { System = "http://loinc.org", Code = "29463-7" } } },
            Subject = new Reference { ReferenceValue = "Patient/p1" },
            Value = new Quantity { Value = 1.50m, Unit = "kg", System = "http://unitsofmeasure.org", Code = "kg" },
        };
        var quantity = (Quantity)observation.Value!;
        quantity.ValueElement!.LexicalValue = "72.50";

        AssertJson(
            """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
             "subject":{"reference":"Patient/p1"},
             "valueQuantity":{"value":72.50,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
            """,
            observation);
        Assert.Contains("\"value\":72.50", FhirJsonWriter.SerializeToString(observation.Node), StringComparison.Ordinal);

        // Replacing a choice value replaces whatever type it held.
        observation.Value = new FhirString("heavy");
        AssertJson(
            """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
             "subject":{"reference":"Patient/p1"},
             "valueString":"heavy"}
            """,
            observation);
        Assert.Throws<ArgumentException>(() => observation.Value = new Code("not allowed"));
    }

    [Fact]
    public void A_bundle_with_entries_writes_its_resources()
    {
        var patient = new Patient { Id = "p1", Gender = "female" };
        var bundle = new Bundle
        {
            Type = "transaction",
            Entry =
            {
                new Bundle.EntryComponent
                {
                    FullUrl = "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0",
                    Resource = patient,
                    Request = new Bundle.RequestComponent { Method = "PUT", Url = "Patient/p1" },
                },
                new Bundle.EntryComponent
                {
                    Request = new Bundle.RequestComponent { Method = "DELETE", Url = "Patient/p2" },
                },
            },
        };

        // The patient built on its own is now part of the bundle: its view stays live.
        patient.BirthDate = "2001-02-03";

        AssertJson(
            """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0",
               "resource":{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"2001-02-03"},
               "request":{"method":"PUT","url":"Patient/p1"}},
              {"request":{"method":"DELETE","url":"Patient/p2"}}]}
            """,
            bundle);
        Assert.Same(patient.Node, bundle.Entry[0].Resource!.Node);
    }

    [Fact]
    public void An_operation_outcome_writes_its_issues()
    {
        var outcome = new OperationOutcome
        {
            Issue =
            {
                new OperationOutcome.IssueComponent
                {
                    Severity = "error",
                    Code = "not-found",
                    Details = new CodeableConcept { Text = "Patient/p9 is not known" },
                    Expression = { "Bundle.entry[0].resource" },
                },
            },
        };
        outcome.Issue[0].CodeElement!.Extension.Add(new Extension { Url = "http://example.org/trace", Value = new Id("abc") });

        AssertJson(
            """
            {"resourceType":"OperationOutcome","issue":[{
              "severity":"error","code":"not-found",
              "_code":{"extension":[{"url":"http://example.org/trace","valueId":"abc"}]},
              "details":{"text":"Patient/p9 is not known"},
              "expression":["Bundle.entry[0].resource"]}]}
            """,
            outcome);
        Assert.IsType<Code>(outcome.Issue[0].CodeElement);
    }

    [Fact]
    public void Typed_values_are_written_as_FHIR_JSON_kinds()
    {
        var contactPoint = new ContactPoint { System = "phone", Value = "+44 20 7946 0000", Rank = 2 };
        var quantity = new Quantity { Value = -0.000100m };
        var wrapped = new Parameters
        {
            Parameter =
            {
                new Parameters.ParameterComponent { Name = "contact", Value = contactPoint },
                new Parameters.ParameterComponent { Name = "amount", Value = quantity },
                new Parameters.ParameterComponent { Name = "flag", Value = new FhirBoolean(true) },
                new Parameters.ParameterComponent { Name = "count", Value = new PositiveInt(3) },
                new Parameters.ParameterComponent { Name = "outcome", Resource = new OperationOutcome() },
            },
        };

        AssertJson(
            """
            {"resourceType":"Parameters","parameter":[
              {"name":"contact","valueContactPoint":{"system":"phone","value":"+44 20 7946 0000","rank":2}},
              {"name":"amount","valueQuantity":{"value":-0.000100}},
              {"name":"flag","valueBoolean":true},
              {"name":"count","valuePositiveInt":3},
              {"name":"outcome","resource":{"resourceType":"OperationOutcome"}}]}
            """,
            wrapped);
        Assert.Equal(2, contactPoint.Rank);
        Assert.Equal(3, ((PositiveInt)wrapped.Parameter[3].Value!).Value);
    }

    private static string[] Names(ElementNode node) => node.Children.ToArray().Select(c => c.Name).Distinct().ToArray();

    private static void AssertJson(string expected, Resource resource)
    {
        var written = FhirJsonWriter.SerializeToUtf8(resource.Node);
        var difference = JsonComparer.FirstDifference(System.Text.Encoding.UTF8.GetBytes(expected), written);
        Assert.True(difference is null, $"{difference}\n{System.Text.Encoding.UTF8.GetString(written)}");
    }
}
