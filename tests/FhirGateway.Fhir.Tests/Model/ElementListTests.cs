using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>List and property setters change the node's children and keep them in definition order.</summary>
public sealed class ElementListTests
{
    [Fact]
    public void Insert_and_remove_keep_the_items_together_and_in_definition_order()
    {
        var patient = new Patient { Gender = "other", Active = true };
        patient.Name.Add(Name("B"));
        patient.Telecom.Add(new ContactPoint { Value = "t1" });
        patient.Name.Insert(0, Name("A"));
        patient.Name.Add(Name("D"));
        patient.Name.Insert(2, Name("C"));
        patient.Identifier.Add(new Identifier { Value = "i1" });

        Assert.Equal(["A", "B", "C", "D"], patient.Name.Select(n => n.Family));
        Assert.Equal(["identifier", "active", "name", "name", "name", "name", "telecom", "gender"], ChildNames(patient));

        patient.Name.RemoveAt(1);
        Assert.True(patient.Name.Remove(patient.Name[2]));
        Assert.Equal(["A", "C"], patient.Name.Select(n => n.Family));
        patient.Name[1] = Name("Z");
        Assert.Equal(["A", "Z"], patient.Name.Select(n => n.Family));
        Assert.Equal(["identifier", "active", "name", "name", "telecom", "gender"], ChildNames(patient));

        patient.Name.Clear();
        Assert.Empty(patient.Name);
        Assert.Equal(["identifier", "active", "telecom", "gender"], ChildNames(patient));
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.Name.Insert(1, Name("X")));
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.Name[0]);
    }

    [Fact]
    public void Primitive_value_lists_are_live()
    {
        var name = new HumanName { Given = { "Peter" } };
        name.Given.Add("Paul");
        name.Given.Insert(0, "Mary");
        name.Given[2] = "Pauline";

        Assert.Equal(["Mary", "Peter", "Pauline"], name.Given);
        Assert.Equal(3, name.GivenElement.Count);
        Assert.True(name.Given.Remove("Peter"));
        Assert.Equal(["Mary", "Pauline"], name.Given);
        Assert.Equal(["Mary", "Pauline"], name.GivenElement.Select(g => g.Value));
        Assert.Throws<ArgumentException>(() => name.Given.Add(null));

        // An item with only an extension reads as null, and its value may be cleared while it has one.
        name.GivenElement[0].Extension.Add(new Extension { Url = "http://example.org/e", Value = new Code("x") });
        name.Given[0] = null;
        Assert.Equal(new string?[] { null, "Pauline" }, name.Given);
        Assert.Throws<ArgumentException>(() => name.Given[1] = null);
        Assert.Equal("""{"given":[null,"Pauline"],"_given":[{"extension":[{"url":"http://example.org/e","valueCode":"x"}]},null]}""", Write(name.Node));
    }

    [Fact]
    public void Setting_null_removes_the_element()
    {
        var patient = new Patient { Gender = "male", MaritalStatus = new CodeableConcept { Text = "married" }, Deceased = new FhirBoolean(false) };

        patient.Gender = null;
        patient.MaritalStatus = null;
        patient.Deceased = null;

        Assert.Equal(0, patient.Node.ChildCount);
        Assert.Null(patient.GenderElement);
        Assert.Null(patient.MaritalStatus);
        Assert.Null(patient.Deceased);
    }

    [Fact]
    public void Clearing_a_value_keeps_an_element_that_has_extensions()
    {
        var patient = new Patient { BirthDate = "1974-12-25" };
        patient.BirthDateElement!.Extension.Add(new Extension { Url = "http://example.org/e", Value = new FhirString("x") });

        patient.BirthDate = null;

        Assert.NotNull(patient.BirthDateElement);
        Assert.Equal("""{"resourceType":"Patient","_birthDate":{"extension":[{"url":"http://example.org/e","valueString":"x"}]}}""", Write(patient.Node));
        patient.BirthDateElement = null;
        Assert.Equal(0, patient.Node.ChildCount);
    }

    [Fact]
    public void A_value_already_placed_elsewhere_is_copied_not_moved()
    {
        var first = new Patient { Name = { Name("Shared") } };
        var second = new Patient();

        second.Contact.Add(new Patient.ContactComponent { Name = first.Name[0] });
        second.Contact[0].Name!.Family = "Changed";

        Assert.Equal("Shared", first.Name[0].Family);
        Assert.Equal("Changed", second.Contact[0].Name!.Family);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused()
    {
        var patient = new Patient();
        var notAllowed = new Age { Value = 3 };

        Assert.Throws<ArgumentException>(() => patient.Deceased = new FhirString("no"));
        Assert.Throws<ArgumentException>(() => new Observation { Value = notAllowed });
        Assert.Equal(0, patient.Node.ChildCount);
    }

    private static HumanName Name(string family) => new() { Family = family };

    private static string[] ChildNames(FhirObject o) => o.Node.Children.ToArray().Select(c => c.Name).ToArray();

    private static string Write(ElementNode node) => FhirJsonWriter.SerializeToString(node);
}
