using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Xml.XmlAssert;

namespace FhirGateway.Fhir.Tests.Serialization.Xml;

/// <summary>The structural rules of https://hl7.org/fhir/R4/xml.html, each with its issue code and location.</summary>
public sealed class XmlStructureTests
{
    [Fact]
    public void A_valid_resource_reads_with_ids_extensions_and_choice_types()
    {
        var result = ReadPatient(
            "<id value=\"p1\"/><extension url=\"http://example.org/x\"><valueQuantity><value value=\"1.50\"/><unit value=\"kg\"/></valueQuantity></extension>" +
            "<name id=\"n1\"><given value=\"Ann\"><extension url=\"http://example.org/y\"><valueBoolean value=\"true\"/></extension></given><given value=\"Bo\"/></name>" +
            "<birthDate id=\"b\" value=\"2024-05-01\"/><deceasedBoolean value=\"false\"/>");

        Assert.True(result.Success, string.Join("; ", result.Issues));
        Assert.Equal(
            """{"resourceType":"Patient","id":"p1","extension":[{"url":"http://example.org/x","valueQuantity":{"value":1.50,"unit":"kg"}}],"name":[{"id":"n1","given":["Ann","Bo"],"_given":[{"extension":[{"url":"http://example.org/y","valueBoolean":true}]},null]}],"birthDate":"2024-05-01","_birthDate":{"id":"b"},"deceasedBoolean":false}""",
            FhirJsonWriter.SerializeToString(result.Resource!));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var result = ReadPatient("<name><family value=\"\"/>stray text<given value=\"a\"/></name><foo/><gender value=\"male\" bar=\"2\"/><birthDate value=\"2024-13-01\"/>");

        Assert.Equal(
            [ParseIssueCodes.InvalidValue, ParseIssueCodes.UnexpectedContent, ParseIssueCodes.UnknownElement, ParseIssueCodes.UnknownElement, ParseIssueCodes.InvalidValue],
            result.Issues.Select(i => i.Code));
        Assert.Equal(["Patient.name[0].family", "Patient.name[0]", "Patient.foo", "Patient.gender.@bar", "Patient.birthDate"], result.Issues.Select(i => i.Location));
        Assert.All(result.Issues, i => Assert.Equal(IssueSeverity.Error, i.Severity));
        Assert.All(result.Issues, i => Assert.NotNull(i.Line));
        Assert.Equal("male", result.Resource!.Child("gender")!.Value);
    }

    [Fact]
    public void The_root_must_be_a_resource_in_the_FHIR_namespace()
    {
        Assert.Equal(ParseIssueCodes.WrongNamespace, Single(Read("<Patient/>"), ParseIssueCodes.WrongNamespace).Code);
        Assert.Equal(IssueSeverity.Fatal, Single(Read($"<Patientt xmlns=\"{Ns}\"/>"), ParseIssueCodes.UnknownResourceType).Severity);
        Assert.Null(Read($"<DomainResource xmlns=\"{Ns}\"/>").Resource);
        Assert.Null(Read($"<HumanName xmlns=\"{Ns}\"/>").Resource);
    }

    [Fact]
    public void Elements_outside_the_FHIR_namespace_are_refused()
    {
        var result = Read($"<Patient xmlns=\"{Ns}\"><gender xmlns=\"http://example.org\" value=\"male\"/></Patient>");

        Assert.Equal("Patient.gender", Single(result, ParseIssueCodes.WrongNamespace).Location);
        Assert.Null(result.Resource!.Child("gender"));
    }

    [Fact]
    public void Out_of_order_elements_are_a_warning_and_are_put_in_order()
    {
        var result = ReadPatient("<gender value=\"male\"/><active value=\"true\"/>");

        var issue = Single(result, ParseIssueCodes.ElementOrder);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("Patient.active", issue.Location);
        Assert.True(result.Success);
        Assert.EndsWith("<active value=\"true\" /><gender value=\"male\" /></Patient>", FhirXmlWriter.SerializeToString(result.Resource!));
    }

    [Fact]
    public void A_single_element_given_twice_is_refused()
    {
        var result = ReadPatient("<gender value=\"male\"/><gender value=\"female\"/>");

        Assert.Equal("Patient.gender", Single(result, ParseIssueCodes.DuplicateProperty).Location);
        Assert.Equal("male", result.Resource!.Child("gender")!.Value);
    }

    [Fact]
    public void A_choice_element_holds_one_type()
    {
        var result = ReadPatient("<deceasedBoolean value=\"true\"/><deceasedDateTime value=\"2024\"/>");

        Assert.Equal("Patient.deceasedDateTime", Single(result, ParseIssueCodes.ChoiceConflict).Location);
    }

    [Fact]
    public void The_id_of_an_element_is_an_attribute_not_an_element()
    {
        var result = ReadPatient("<name><id value=\"x\"/><family value=\"F\"/></name>");

        Assert.Equal("Patient.name[0].id", Single(result, ParseIssueCodes.UnknownElement).Location);
    }

    [Fact]
    public void Empty_elements_are_refused()
    {
        var result = ReadPatient("<name/><maritalStatus></maritalStatus>");

        Assert.Equal(["Patient.name[0]", "Patient.maritalStatus"], result.Issues.Where(i => i.Code == ParseIssueCodes.EmptyElement).Select(i => i.Location));
        Assert.Equal(0, result.Resource!.ChildCount);
    }

    [Fact]
    public void Contained_resources_and_bundle_entries_are_read_in_their_wrappers()
    {
        var result = Read(
            $"<Bundle xmlns=\"{Ns}\"><type value=\"collection\"/><entry><resource><Patient><contained><Organization><name value=\"O\"/></Organization></contained><active value=\"true\"/></Patient></resource></entry></Bundle>");

        Assert.True(result.Success, string.Join("; ", result.Issues));
        var patient = result.Resource!.Child("entry")!.Child("resource")!;
        Assert.Equal("Patient", patient.Type.Name);
        Assert.Equal("Organization", patient.Child("contained")!.Type.Name);
    }

    [Fact]
    public void A_container_holds_exactly_one_known_resource()
    {
        var twoResources = ReadPatient("<contained><Organization><name value=\"A\"/></Organization><Organization><name value=\"B\"/></Organization></contained>");
        var unknown = ReadPatient("<contained><Nonsense/></contained>");
        var empty = ReadPatient("<contained/>");

        Assert.Equal("Patient.contained[0]", Single(twoResources, ParseIssueCodes.UnexpectedContent).Location);
        Assert.Single(twoResources.Resource!.ChildrenNamed("contained"));
        Assert.Equal("Patient.contained[0]", Single(unknown, ParseIssueCodes.UnknownResourceType).Location);
        Assert.Single(empty.Issues, i => i.Code == ParseIssueCodes.EmptyElement);
    }

    [Fact]
    public void Bundle_response_outcome_holds_only_an_OperationOutcome()
    {
        var result = Read($"<Bundle xmlns=\"{Ns}\"><type value=\"batch-response\"/><entry><response><status value=\"200\"/><outcome><Patient/></outcome></response></entry></Bundle>");

        Assert.Equal("Bundle.entry[0].response.outcome", Single(result, ParseIssueCodes.WrongJsonType).Location);
    }

    [Fact]
    public void Comments_and_processing_instructions_are_ignored()
    {
        var result = Read($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- c --><?pi x?><Patient xmlns=\"{Ns}\"><!-- inside --><active value=\"true\"/></Patient><!-- after -->");

        Assert.True(result.Success, string.Join("; ", result.Issues));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Attributes_outside_FHIR_are_refused_but_schema_location_is_allowed()
    {
        var result = Read($"<Patient xmlns=\"{Ns}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://hl7.org/fhir patient.xsd\" xmlns:o=\"http://example.org\"><active o:flag=\"1\" value=\"true\"/></Patient>");

        Assert.Equal("Patient.active.@o:flag", Single(result, ParseIssueCodes.WrongNamespace).Location);
    }

    [Fact]
    public void Decimals_keep_their_exact_text()
    {
        var result = ReadPatient("<extension url=\"http://example.org/d\"><valueDecimal value=\"1.50\"/></extension><extension url=\"http://example.org/e\"><valueDecimal value=\"-0.0e-3\"/></extension>");

        Assert.Contains("\"valueDecimal\":1.50", FhirJsonWriter.SerializeToString(result.Resource!), StringComparison.Ordinal);
        Assert.Contains("\"valueDecimal\":-0.0e-3", FhirJsonWriter.SerializeToString(result.Resource!), StringComparison.Ordinal);
    }
}
