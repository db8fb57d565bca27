using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Terminology;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Evaluation;

public sealed class FhirFunctionTests
{
    private static readonly ElementNode Bundle = Resources.Json("""
        {
          "resourceType": "Bundle",
          "type": "collection",
          "entry": [
            { "fullUrl": "http://example.org/fhir/Patient/1",
              "resource": { "resourceType": "Patient", "id": "1",
                            "contained": [ { "resourceType": "Organization", "id": "org", "name": "Inner", "partOf": { "reference": "#" } } ],
                            "managingOrganization": { "reference": "Organization/2" },
                            "generalPractitioner": [ { "reference": "#org" }, { "reference": "urn:uuid:7c4b3b1e-1111-4d7e-9a6b-1d2f3e4a5b6c" } ] } },
            { "fullUrl": "http://example.org/fhir/Organization/2",
              "resource": { "resourceType": "Organization", "id": "2", "name": "Outer" } },
            { "fullUrl": "urn:uuid:7c4b3b1e-1111-4d7e-9a6b-1d2f3e4a5b6c",
              "resource": { "resourceType": "Practitioner", "id": "x", "name": [ { "family": "Byuuid" } ] } }
          ]
        }
        """);

    [Fact]
    public void Resolve_finds_contained_resources_and_the_container()
    {
        Assert.Equal("Careful", Fhp.Text("Patient.generalPractitioner.resolve().name.family", Fhp.Patient));
        Assert.True(Fhp.True("Patient.generalPractitioner.resolve() is Practitioner", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.managingOrganization.resolve()", Fhp.Patient));
    }

    [Fact]
    public void Resolve_finds_Bundle_entries_by_type_and_id_and_by_full_url()
    {
        var names = Fhp.Eval("Bundle.entry.resource.ofType(Patient).managingOrganization.resolve().name", Bundle);
        Assert.Equal("Outer", ((ElementNode)Assert.Single(names)).Value);
        var resolved = Fhp.Eval("Bundle.entry.resource.ofType(Patient).generalPractitioner.resolve()", Bundle);
        Assert.Equal(["Organization", "Practitioner"], resolved.Select(r => ((ElementNode)r).Type.Name));
        Assert.Equal("Inner", Fhp.Text("Bundle.entry.resource.ofType(Patient).contained.partOf.resolve().contained.name", Bundle));
    }

    [Fact]
    public void Resolve_matches_absolute_references_by_full_url_only()
    {
        var bundle = Resources.Json("""
            {
              "resourceType": "Bundle",
              "type": "collection",
              "entry": [
                { "fullUrl": "http://a.org/fhir/Patient/1",
                  "resource": { "resourceType": "Patient", "id": "1",
                                "managingOrganization": { "reference": "http://b.org/fhir/Organization/2" },
                                "generalPractitioner": [ { "reference": "Practitioner/3" } ] } },
                { "fullUrl": "http://a.org/fhir/Organization/2", "resource": { "resourceType": "Organization", "id": "2", "name": "A" } },
                { "fullUrl": "http://b.org/fhir/Practitioner/3", "resource": { "resourceType": "Practitioner", "id": "3", "name": [ { "family": "B" } ] } },
                { "fullUrl": "http://a.org/fhir/Practitioner/3", "resource": { "resourceType": "Practitioner", "id": "3", "name": [ { "family": "A" } ] } }
              ]
            }
            """);
        Assert.True(Fhp.Empty("Bundle.entry[0].resource.managingOrganization.resolve()", bundle));
        Assert.Equal("A", Fhp.Text("Bundle.entry[0].resource.generalPractitioner.resolve().name.family", bundle));
    }

    [Fact]
    public void Resolve_hands_unknown_references_to_the_context()
    {
        var organization = Resources.Json("""{ "resourceType": "Organization", "id": "1", "name": "External" }""");
        var context = new EvaluationContext { ResolveReference = r => r == "Organization/1" ? organization : null };
        Assert.Equal("External", Fhp.Text("managingOrganization.resolve().name", Fhp.Patient, context));
    }

    [Fact]
    public void Resolve_in_an_entry_uses_the_root_resource()
    {
        var patient = Fhp.Eval("Bundle.entry[0].resource", Bundle).Cast<ElementNode>().Single();
        var context = new EvaluationContext { Resource = patient, RootResource = Bundle };
        Assert.Equal("Outer", Fhp.Text("managingOrganization.resolve().name", patient, context));
        Assert.True(Fhp.True("%rootResource.type = 'collection' and %resource.id = '1'", patient, context));
    }

    [Fact]
    public void Extension_selects_by_url_also_on_primitives()
    {
        Assert.Single(Fhp.Eval("Patient.birthDate.extension('http://hl7.org/fhir/StructureDefinition/patient-birthTime')", Fhp.Patient));
        Assert.True(Fhp.True("Patient.birthDate.extension(%`ext-patient-birthTime`).value = @1974-12-25T14:35:45-05:00", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.extension('http://example.org/none')", Fhp.Patient));
    }

    [Fact]
    public void HasValue_and_getValue()
    {
        Assert.True(Fhp.True("Patient.birthDate.hasValue() and Patient.name.hasValue().not()", Fhp.Patient));
        Assert.IsType<FhirGateway.FhirPath.Values.PartialDate>(Fhp.One("Patient.birthDate.getValue()", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.name.first().getValue()", Fhp.Patient));
    }

    [Fact]
    public void MemberOf_is_empty_without_a_terminology_service_and_asks_one_when_given()
    {
        Assert.True(Fhp.Empty("Patient.gender.memberOf(%`vs-administrative-gender`)", Fhp.Patient));
        var terminology = new FakeTerminology();
        var context = new EvaluationContext { Terminology = terminology };
        Assert.True(Fhp.True("Patient.gender.memberOf(%`vs-administrative-gender`)", Fhp.Patient, context));
        Assert.Equal("http://hl7.org/fhir/ValueSet/administrative-gender", terminology.LastValueSet);
    }

    [Fact]
    public void ConformsTo_checks_core_profiles_and_asks_for_others()
    {
        Assert.True(Fhp.True("conformsTo('http://hl7.org/fhir/StructureDefinition/Patient')", Fhp.Patient));
        Assert.True(Fhp.True("conformsTo('http://hl7.org/fhir/StructureDefinition/DomainResource')", Fhp.Patient));
        Assert.False(Fhp.True("conformsTo('http://hl7.org/fhir/StructureDefinition/Person')", Fhp.Patient));
        Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("conformsTo('http://example.org/profile')", Fhp.Patient));
        var context = new EvaluationContext { ConformsTo = (_, url) => url == "http://example.org/profile" };
        Assert.True(Fhp.True("conformsTo('http://example.org/profile')", Fhp.Patient, context));
    }

    [Fact]
    public void Type_reflection()
    {
        Assert.True(Fhp.True("Patient.active.type().namespace = 'FHIR' and Patient.active.type().name = 'boolean'", Fhp.Patient));
        Assert.True(Fhp.True("1.type().name = 'Integer' and 'a'.type().namespace = 'System'", Fhp.Patient));
        Assert.True(Fhp.True("Patient.contained.is(Resource) and Patient.contained.is(FHIR.Practitioner)", Fhp.Patient));
    }

    [Theory]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Some <b>text</b> and a <a href=\"http://x.org\">link</a></p><table><tr><td>1</td></tr></table></div>", true)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div>", false)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"x()\">t</p></div>", false)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"javascript:x()\">t</a></div>", false)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><form/></div>", false)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p style=\"color: red\">styled</p><img src=\"x.png\" alt=\"x\"/></div>", true)]
    [InlineData("<div xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"http://x.org\"/></div>", false)]
    public void HtmlChecks_applies_the_narrative_rules(string div, bool valid)
    {
        var patient = Resources.Json($$"""{ "resourceType": "Patient", "text": { "status": "generated", "div": {{System.Text.Json.JsonSerializer.Serialize(div)}} } }""");
        Assert.Equal(valid, Fhp.One("text.`div`.htmlChecks()", patient));
    }

    [Fact]
    public void As_on_a_collection_filters_unless_strict()
    {
        // FHIR R4's dom-3 relies on this: %resource.descendants().as(canonical).
        Assert.Equal(3, Fhp.Eval("Patient.descendants().as(HumanName)", Fhp.Patient).Count);
        Assert.Equal(2, Fhp.Eval("Patient.name as HumanName", Fhp.Patient).Count);
        var strict = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        Assert.Throws<FhirPathEvaluationException>(() => strict.Compile("Patient.name.as(HumanName)", "Patient").Evaluate(Fhp.Patient));
        Assert.Throws<FhirPathEvaluationException>(() => strict.Compile("Patient.name as HumanName", "Patient").Evaluate(Fhp.Patient));
    }

    private sealed class FakeTerminology : ITerminologyService
    {
        public string? LastValueSet { get; private set; }

        public bool? MemberOf(object codedValue, string valueSetUrl)
        {
            LastValueSet = valueSetUrl;
            return codedValue is ElementNode { Value: "male" or "female" };
        }

        public bool? Subsumes(object code, object other) => null;
    }
}
