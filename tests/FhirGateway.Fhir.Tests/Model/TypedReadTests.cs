using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>Typed properties read official examples as the JSON states them.</summary>
public sealed class TypedReadTests
{
    [Fact]
    public void Patient_example_reads_through_typed_properties()
    {
        var patient = Read<Patient>("Patient-example.json");

        Assert.Equal("example", patient.Id);
        Assert.True(patient.Active);
        Assert.Equal("male", patient.Gender);
        Assert.Equal("1974-12-25", patient.BirthDate);
        Assert.Equal(3, patient.Name.Count);
        Assert.Equal("Chalmers", patient.Name[0].Family);
        Assert.Equal(["Peter", "James"], patient.Name[0].Given);
        Assert.Equal("official", patient.Name[0].Use);
        Assert.Equal(["Jim"], patient.Name[1].Given);
        Assert.Equal("2002", patient.Name[2].Period!.End);
        Assert.Equal("MR", patient.Identifier[0].Type!.Coding[0].Code);
        Assert.Equal("Acme Healthcare", patient.Identifier[0].Assigner!.Display);
        Assert.Equal(1, patient.Telecom[1].Rank);
        Assert.Equal(["534 Erewhon St"], patient.Address[0].Line);
        Assert.Equal("generated", patient.Text!.Status);
        Assert.StartsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">", patient.Text.Div, StringComparison.Ordinal);

        // birthDate carries an extension (_birthDate): the element view reaches it, the value stays plain.
        var birthTime = Assert.Single(patient.BirthDateElement!.Extension);
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/patient-birthTime", birthTime.Url);
        Assert.Equal("1974-12-25T14:35:45-05:00", Assert.IsType<FhirDateTime>(birthTime.Value).Value);

        // deceased[x] is a choice: the runtime class follows the JSON name (deceasedBoolean).
        Assert.False(Assert.IsType<FhirBoolean>(patient.Deceased).Value);

        var contact = Assert.Single(patient.Contact);
        Assert.IsType<Patient.ContactComponent>(contact);
        Assert.Equal("du Marché", contact.Name!.Family);
        Assert.Equal("VV", Assert.IsType<FhirString>(Assert.Single(contact.Name.FamilyElement!.Extension).Value).Value);
        Assert.Equal("N", contact.Relationship[0].Coding[0].Code);
    }

    [Fact]
    public void Choice_quantity_keeps_the_exact_decimal_text()
    {
        var observation = Read<Observation>("Observation-f003.json");

        var quantity = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal(6.2m, quantity.Value);
        Assert.Equal("kPa", quantity.Unit);
        Assert.Equal("6.0", observation.ReferenceRange[0].High!.ValueElement!.LexicalValue);
        Assert.Equal("6.0", observation.ReferenceRange[0].High!.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2013-04-02T10:30:10+01:00", Assert.IsType<Period>(observation.Effective).Start);
        Assert.Equal("Patient/f001", observation.Subject!.ReferenceValue);

        var decimals = Read<Observation>("Observation-decimal.json");
        var texts = decimals.Component.Select(c => ((Quantity)c.Value!).ValueElement!.LexicalValue).ToList();
        Assert.Equal(["1.0", "1.00", "1.0", "1E-22", "1000000000000000000", "1.000000000000000000E-245", "-1.000000000000000000E+245"], texts);
        Assert.Equal(1.00m, ((Quantity)decimals.Component[1].Value!).Value);
        Assert.Equal(0.0000000000000000000001m, ((Quantity)decimals.Component[3].Value!).Value);

        // Beyond what a .NET decimal holds: the typed value says so rather than guess; the text is still there.
        Assert.Throws<FormatException>(() => ((Quantity)decimals.Component[6].Value!).Value);
    }

    [Fact]
    public void Contained_resources_are_typed_or_generic()
    {
        var encounter = Read<Encounter>("Encounter-home.json");

        var location = Assert.IsType<Location>(Assert.Single(encounter.Contained));
        Assert.Equal("home", location.Id);
        Assert.Equal("Client's home", location.Description);
        Assert.Equal("kind", location.Mode);
        Assert.Equal("HH", encounter.Class!.Code);
        Assert.Equal("Dr Adam Careful", encounter.Participant[0].Individual!.Display);
        Assert.Equal("#home", encounter.Location[0].Location!.ReferenceValue);
    }

    [Fact]
    public void Bundle_entries_give_their_resources_and_requests()
    {
        var bundle = Read<Bundle>("Bundle-bundle-transaction.json");

        Assert.Equal("transaction", bundle.Type);
        var first = bundle.Entry[0];
        Assert.Equal("urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a", first.FullUrl);
        Assert.IsType<Patient>(first.Resource);
        Assert.Equal("POST", first.Request!.Method);
        Assert.Equal("identifier=http:/example.org/fhir/ids|234234", bundle.Entry[1].Request!.IfNoneExist);
        Assert.Null(bundle.Entry[5].Resource);
        Assert.Equal("DELETE", bundle.Entry[5].Request!.Method);
        Assert.IsType<Parameters>(bundle.Entry[7].Resource);
        Assert.Equal(10, bundle.Entry.Count);

        var searchset = Read<Bundle>("Bundle-bundle-example.json");
        Assert.Equal(3, searchset.Total);
        Assert.Equal(1m, searchset.Entry[0].Search!.Score);
        Assert.Equal("next", searchset.Link[1].Relation);

        // MedicationRequest and Medication have no generated class: the generic views still give the common elements.
        var request = Assert.IsType<GenericDomainResource>(searchset.Entry[0].Resource);
        Assert.Equal("3123", request.Id);
        Assert.Equal("MedicationRequest", request.Node.Type.Name);
        Assert.Equal("generated", request.Text!.Status);
    }

    [Fact]
    public void Wrap_picks_the_most_specific_class_and_views_are_equal_by_node()
    {
        var node = Parse("Patient-example.json");

        var wrapped = FhirObject.Wrap(node);

        Assert.IsType<Patient>(wrapped);
        Assert.Equal(wrapped, new Patient(node));
        Assert.True(wrapped == FhirObject.Wrap<Resource>(node));
        var patient = (Patient)wrapped;
        Assert.True(patient.Name[0] == patient.Name[0]);
        Assert.False(patient.Name[0] == patient.Name[1]);
        Assert.Same(node.Child("name"), patient.Name[0].Node);
    }

    [Fact]
    public void Wrapping_checks_the_node_type_and_release()
    {
        var node = Parse("Patient-example.json");
        Assert.Throws<ArgumentException>(() => new Observation(node));
        Assert.Throws<ArgumentException>(() => FhirObject.Wrap<Observation>(node));

        var stu3 = FhirJsonReader.Parse(OfficialExamples.Stu3.First(e => e.Name.StartsWith("Patient-", StringComparison.Ordinal)).Content, FhirModel.Stu3).Resource!;
        Assert.Throws<ArgumentException>(() => FhirObject.Wrap(stu3));
        Assert.Throws<ArgumentException>(() => new Patient(stu3));
    }

    private static ElementNode Parse(string name)
    {
        var result = FhirJsonReader.Parse(OfficialExamples.R4.Single(e => e.Name == name).Content);
        Assert.True(result.Success, string.Join("; ", result.Issues));
        return result.Resource!;
    }

    private static T Read<T>(string name)
        where T : Resource =>
        FhirObject.Wrap<T>(Parse(name));
}
