using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Tests.Model;

/// <summary>Children stay in definition order, and ranges are found wherever they sit.</summary>
public sealed class ElementNodeOrderTests
{
    private static readonly FhirModel R4 = FhirModel.R4;

    [Fact]
    public void RangeOf_finds_first_middle_last_and_missing_elements()
    {
        var patient = new ElementNode(R4.GetType("Patient"));
        var gender = patient.AddNew("gender");
        var id = patient.AddNew("id");
        var name1 = patient.AddNew("name");
        var active = patient.AddNew("active");
        var name2 = patient.AddNew("name");

        Assert.Equal(["id", "active", "name", "name", "gender"], Names(patient));
        Assert.Equal((0, 1), patient.RangeOf(id.Definition!));
        Assert.Equal((1, 1), patient.RangeOf(active.Definition!));
        Assert.Equal((2, 2), patient.RangeOf(name1.Definition!));
        Assert.Same(name2, patient[3]);
        Assert.Equal((4, 1), patient.RangeOf(gender.Definition!));

        // Missing: where the element would go.
        var patientType = R4.GetType("Patient");
        Assert.Equal((1, 0), patient.RangeOf(patientType.FindElement("meta")!));
        Assert.Equal((1, 0), patient.RangeOf(patientType.FindElement("identifier")!));
        Assert.Equal((4, 0), patient.RangeOf(patientType.FindElement("telecom")!));
        Assert.Equal((5, 0), patient.RangeOf(patientType.FindElement("link")!));

        var empty = new ElementNode(patientType);
        Assert.Equal((0, 0), empty.RangeOf(patientType.FindElement("id")!));
        Assert.Equal((0, 0), empty.RangeOf(patientType.FindElement("link")!));
    }

    [Fact]
    public void InsertAt_places_a_child_among_its_element()
    {
        var patient = new ElementNode(R4.GetType("Patient"));
        patient.AddNew("gender");
        var first = patient.AddNew("name");
        var last = patient.AddNew("name");
        var middle = new ElementNode(R4.GetType("HumanName"), first.Definition);
        patient.InsertAt(1, middle);
        var front = new ElementNode(R4.GetType("HumanName"), first.Definition);
        patient.InsertAt(-5, front);

        Assert.Equal((0, 4), patient.RangeOf(first.Definition!));
        Assert.Equal([front, first, middle, last], patient.Children[..4].ToArray());
        Assert.Equal("gender", patient[4].Name);
    }

    [Fact]
    public void A_node_checks_the_type_its_element_may_hold()
    {
        var observation = R4.GetType("Observation");
        var value = observation.FindElement("value")!;
        Assert.Equal("valueQuantity", new ElementNode(R4.GetType("Quantity"), value).SerializedName);
        Assert.Throws<ArgumentException>(() => new ElementNode(R4.GetType("HumanName"), value));

        var contained = observation.FindElement("contained")!;
        Assert.Equal("contained", new ElementNode(R4.GetType("Patient"), contained).SerializedName);
        Assert.Throws<ArgumentException>(() => new ElementNode(R4.GetType("DomainResource"), contained));
        Assert.Throws<ArgumentException>(() => new ElementNode(R4.GetType("Quantity"), contained));
    }

    [Fact]
    public void Choice_names_come_from_the_type_for_small_and_open_choices()
    {
        var value = R4.GetType("Observation").FindElement("value")!;
        Assert.Equal("valueString", value.SerializedName(R4.GetType("string")));
        Assert.Same(value.SerializedName(R4.GetType("string")), value.SerializedName(R4.GetType("string")));

        // Extension.value[x] takes every type: the open choice.
        var extensionValue = R4.GetType("Extension").FindElement("value")!;
        Assert.True(extensionValue.Types.Count > 8);
        Assert.Equal("valueCodeableConcept", extensionValue.SerializedName(R4.GetType("CodeableConcept")));
        Assert.Equal("valueBase64Binary", extensionValue.SerializedName(R4.GetType("base64Binary")));

        // A type the element does not take still gets the name the rule gives.
        Assert.Equal("valuePatient", value.SerializedName(R4.GetType("Patient")));
    }

    private static string[] Names(ElementNode node) => [.. node.Children.ToArray().Select(c => c.Name)];
}
