using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Tests.Definitions;

/// <summary>The model is what the official definitions say; these pin facts any FHIR developer can check in the spec.</summary>
public sealed class FhirModelTests
{
    [Fact]
    public void R4_has_every_resource_type_of_4_0_1()
    {
        var names = FhirModel.R4.ResourceTypes.Select(t => t.Name).ToList();

        // The 146 concrete resource types of https://hl7.org/fhir/R4/resourcelist.html; not the abstract ones, and not
        // the R4B SubscriptionStatus that the definitions bundle also carries.
        Assert.Equal(146, names.Count);
        Assert.Contains("Patient", names);
        Assert.DoesNotContain("SubscriptionStatus", names);
        Assert.DoesNotContain("DomainResource", names);
        Assert.Equal("4.0.1", FhirModel.R4.Version);
    }

    [Fact]
    public void STU3_loads_its_own_definitions()
    {
        var stu3 = FhirModel.Stu3;

        Assert.Equal("3.0.2", stu3.Version);
        Assert.NotNull(stu3.FindType("ProcedureRequest"));
        Assert.Null(FhirModel.R4.FindType("ProcedureRequest"));
        Assert.Null(stu3.FindType("ServiceRequest"));
    }

    [Fact]
    public void Patient_elements_come_in_definition_order_with_cardinality()
    {
        var patient = FhirModel.R4.GetType("Patient");
        var names = patient.Elements.Select(e => e.Name).ToList();

        Assert.Equal(["id", "meta", "implicitRules", "language", "text", "contained", "extension", "modifierExtension", "identifier", "active", "name"], names.Take(11));
        var name = patient.FindElement("name")!;
        Assert.Equal((0, int.MaxValue, true), (name.Min, name.Max, name.IsRepeating));
        Assert.False(patient.FindElement("birthDate")!.IsRepeating);
        Assert.True(patient.FindElement("contained")!.IsResourceContainer);
    }

    [Fact]
    public void Choice_elements_list_their_types_and_serialized_names()
    {
        var observation = FhirModel.R4.GetType("Observation");
        var value = observation.FindElement("value")!;

        Assert.True(value.IsChoice);
        Assert.Equal(
            ["Quantity", "CodeableConcept", "string", "boolean", "integer", "Range", "Ratio", "SampledData", "time", "dateTime", "Period"],
            value.Types.Select(t => t.Name));
        Assert.True(observation.TryGetProperty("valueQuantity", out var match));
        Assert.Equal(("value", "Quantity"), (match.Element.Name, match.Type!.Name));
        Assert.False(observation.TryGetProperty("valueMoney", out _));
        Assert.False(observation.TryGetProperty("value", out _));
    }

    [Fact]
    public void Backbone_elements_and_content_references_resolve()
    {
        var contact = FhirModel.R4.GetType("Patient").FindElement("contact")!.Types.Single();
        var item = FhirModel.R4.GetType("Questionnaire").FindElement("item")!.Types.Single();

        Assert.Equal(TypeKind.Backbone, contact.Kind);
        Assert.Equal("Patient.contact", contact.Name);
        Assert.NotNull(contact.FindElement("relationship"));
        Assert.Same(item, item.FindElement("item")!.Types.Single());
    }

    [Theory]
    [InlineData("boolean", PrimitiveJsonKind.Boolean, "true", "yes")]
    [InlineData("integer", PrimitiveJsonKind.Number, "-12", "1.0")]
    [InlineData("positiveInt", PrimitiveJsonKind.Number, "3", "0")]
    [InlineData("unsignedInt", PrimitiveJsonKind.Number, "0", "-1")]
    [InlineData("decimal", PrimitiveJsonKind.Number, "1.50", "1.")]
    [InlineData("date", PrimitiveJsonKind.String, "2024-02", "2024-13")]
    [InlineData("dateTime", PrimitiveJsonKind.String, "2024-02-03T04:05:06+01:00", "2024-02-03T04:05")]
    [InlineData("code", PrimitiveJsonKind.String, "a b", "a  b")]
    [InlineData("id", PrimitiveJsonKind.String, "abc-1.2", "abc_1")]
    [InlineData("string", PrimitiveJsonKind.String, "no\u00A0break space", "")]
    public void Primitives_take_JSON_kind_and_format_from_the_definitions(string name, PrimitiveJsonKind kind, string valid, string invalid)
    {
        var type = FhirModel.R4.GetType(name);

        Assert.Equal(TypeKind.Primitive, type.Kind);
        Assert.Equal(kind, type.JsonKind);
        Assert.Matches(type.ValueRegex!, valid);
        Assert.DoesNotMatch(type.ValueRegex!, invalid);
    }

    [Fact]
    public void Element_ids_and_extension_urls_are_XML_attributes_but_resource_ids_are_not()
    {
        Assert.True(FhirModel.R4.GetType("HumanName").FindElement("id")!.IsXmlAttribute);
        Assert.True(FhirModel.R4.GetType("Extension").FindElement("url")!.IsXmlAttribute);
        Assert.False(FhirModel.R4.GetType("Patient").FindElement("id")!.IsXmlAttribute);
        Assert.True(FhirModel.R4.GetType("xhtml").IsXhtml);
    }
}
