using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>The reader reports every problem in one pass, in document order, and keeps everything that is right (house style 4.6).</summary>
public sealed class MultipleProblemsTests
{
    [Fact]
    public void Every_problem_in_a_patient_is_reported_and_the_rest_is_kept()
    {
        var result = R4("""
            {
              "resourceType": "Patient",
              "id": "p1",
              "fhir_comments": ["old style"],
              "active": "yes",
              "name": [
                {"family": "Chalmers", "given": ["Peter", 7, "James"]},
                {"family": "Windsor", "family": "Again", "nickname": "Jim"},
                {}
              ],
              "telecom": {"system": "phone", "value": "(03) 5555 6473"},
              "gender": "male",
              "birthDate": "1974-12-32",
              "_birthDate": {"extension": [{"url": "http://example.org/time", "valueTime": "25:00:00"}]},
              "deceasedBoolean": false,
              "deceasedDateTime": "2020-01-01",
              "maritalStatus": null,
              "contained": [{"resourceType": "Organisation", "name": "Acme"}],
              "address": [{"city": "PleasantVille", "line": []}]
            }
            """);

        var patient = AssertErrors(
            result,
            Error(Codes.FhirComments, "Patient.fhir_comments"),
            Error(Codes.WrongJsonType, "Patient.active"),
            Error(Codes.WrongJsonType, "Patient.name[0].given[1]"),
            Error(Codes.DuplicateProperty, "Patient.name[1].family"),
            Error(Codes.UnknownElement, "Patient.name[1].nickname"),
            Error(Codes.EmptyElement, "Patient.name[2]"),
            Error(Codes.ArrayExpected, "Patient.telecom"),
            Error(Codes.InvalidValue, "Patient.birthDate"),
            Error(Codes.InvalidValue, "Patient.birthDate.extension[0].valueTime"),
            Error(Codes.ChoiceConflict, "Patient.deceasedDateTime"),
            Error(Codes.NullValue, "Patient.maritalStatus"),
            Error(Codes.UnknownResourceType, "Patient.contained[0].resourceType"),
            Error(Codes.EmptyArray, "Patient.address[0].line"));

        Assert.All(result.Issues, i => Assert.Equal(IssueSeverity.Error, i.Severity));
        Assert.Equal("p1", ValueAt(patient, "id"));
        Assert.Null(At(patient, "active"));
        Assert.Equal(new[] { "Peter", "James" }, patient.Child("name")!.ChildrenNamed("given").Select(g => g.Value));
        Assert.Equal("Windsor", ValueAt(patient, "name[1].family"));
        Assert.Equal(2, CountAt(patient, "name"));
        Assert.Equal("(03) 5555 6473", ValueAt(patient, "telecom.value"));
        Assert.Equal("male", ValueAt(patient, "gender"));
        Assert.Null(ValueAt(patient, "birthDate"));
        Assert.Equal("http://example.org/time", ValueAt(patient, "birthDate.extension.url"));
        Assert.Null(At(patient, "birthDate.extension.value"));
        Assert.Equal("false", ValueAt(patient, "deceased"));
        Assert.Null(At(patient, "contained"));
        Assert.Equal("PleasantVille", ValueAt(patient, "address.city"));
        AssertRoundTrips(patient);
    }

    [Fact]
    public void Problems_in_different_bundle_entries_are_all_reported()
    {
        var result = R4("""
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:a","resource":{"resourceType":"Patient","gender":"male ","birthDate":19740101},"request":{"method":"POST","url":"Patient"}},
              {"fullUrl":"urn:uuid:b","resource":{"resourceType":"Observation","status":"final","valueQuantity":{"value":"1.5"},"valueString":"x"},"request":{"method":"POST"}},
              {"fullUrl":"urn:uuid:c","resource":{"resourceType":"Patient","name":[{"given":["a"],"_given":[null,null]}]},"request":{"method":"POST","url":"Patient","url":"Patient"}}
            ]}
            """);

        var bundle = AssertErrors(
            result,
            Error(Codes.InvalidValue, "Bundle.entry[0].resource.gender"),
            Error(Codes.WrongJsonType, "Bundle.entry[0].resource.birthDate"),
            Error(Codes.WrongJsonType, "Bundle.entry[1].resource.valueQuantity.value"),
            Error(Codes.ChoiceConflict, "Bundle.entry[1].resource.valueString"),
            Error(Codes.ArrayLengthMismatch, "Bundle.entry[2].resource.name[0].given"),
            Error(Codes.DuplicateProperty, "Bundle.entry[2].request.url"));

        Assert.Equal(3, CountAt(bundle, "entry"));
        Assert.Equal("POST", ValueAt(bundle, "entry[1].request.method"));
        Assert.Equal("a", ValueAt(bundle, "entry[2].resource.name.given"));
        AssertRoundTrips(bundle);
    }

    [Fact]
    public void Issues_carry_messages_a_developer_can_act_on()
    {
        var result = R4("""{"resourceType":"Patient","gender":1,"name":[{"given":["a"],"_given":[null,null]}],"foo":2}""");

        Assert.Collection(
            result.Issues,
            i => Assert.Contains("Patient.gender is a code and must be a JSON string, not a number", i.Message, StringComparison.Ordinal),
            i => Assert.Contains("'_given' has 2 items but 'given' has 1", i.Message, StringComparison.Ordinal),
            i => Assert.Contains("'foo' is not an element of Patient", i.Message, StringComparison.Ordinal));
        Assert.All(result.Issues, i => Assert.Equal("structure", i.IssueType));
    }
}
