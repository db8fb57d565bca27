using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>
/// A primitive's value and its children (id, extensions) are independent, whichever comes first and whichever
/// is removed; and a node reports the definition, type and names it was made with, choice and contained types included.
/// </summary>
public sealed class ElementNodeContentTests
{
    private static readonly FhirModel R4 = FhirModel.R4;

    [Fact]
    public void Value_and_children_of_a_primitive_are_kept_apart_in_any_order()
    {
        var patient = new ElementNode(R4.GetType("Patient"));
        var birthDate = patient.AddNew("birthDate");
        Assert.Null(birthDate.Value);

        birthDate.Value = "1974-12-25";
        var extension = birthDate.AddNew("extension");
        var id = birthDate.AddNew("id");
        Assert.Equal("1974-12-25", birthDate.Value);
        Assert.Equal([id, extension], birthDate.Children.ToArray());

        birthDate.Value = "1975";
        Assert.Equal("1975", birthDate.Value);
        Assert.Equal(2, birthDate.ChildCount);

        birthDate.Value = null;
        Assert.Null(birthDate.Value);
        Assert.Equal([id, extension], birthDate.Children.ToArray());

        birthDate.Value = "1976";
        Assert.True(birthDate.Remove(id));
        Assert.Equal(1, birthDate.RemoveAll("extension"));
        Assert.Equal("1976", birthDate.Value);
        Assert.Equal(0, birthDate.ChildCount);
        Assert.True(birthDate.Children.IsEmpty);

        var gender = patient.AddNew("gender");
        gender.AddNew("id").Value = "g";
        gender.Value = "male";
        var copy = patient.DeepCopy();
        Assert.True(copy.IsExactly(patient));
        Assert.Equal("male", copy.Child("gender")!.Value);
        Assert.Equal("g", copy.Child("gender")!.Child("id")!.Value);
        Assert.Equal("gender=male", copy.Child("gender")!.ToString());
    }

    [Fact]
    public void A_node_keeps_its_definition_type_and_names()
    {
        var observationType = R4.GetType("Observation");
        var value = observationType.FindElement("value")!;
        var quantity = R4.GetType("Quantity");
        var node = new ElementNode(quantity, value);
        Assert.Same(value, node.Definition);
        Assert.Same(quantity, node.Type);
        Assert.Equal("value", node.Name);
        Assert.Equal("valueQuantity", node.SerializedName);

        var patientType = R4.GetType("Patient");
        var contained = patientType.FindElement("contained")!;
        var organization = new ElementNode(R4.GetType("Organization"), contained);
        Assert.Same(contained, organization.Definition);
        Assert.Equal("Organization", organization.Type.Name);
        Assert.Equal("contained", organization.SerializedName);
        Assert.Same(R4.GetType("Practitioner"), new ElementNode(R4.GetType("Practitioner"), contained).Type);

        var root = new ElementNode(patientType);
        Assert.Null(root.Definition);
        Assert.Equal("Patient", root.Name);
        Assert.Equal("Patient", root.SerializedName);

        Assert.Throws<ArgumentException>(() => new ElementNode(R4.GetType("Address"), value));
    }
}
