namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#quantity, #number, #uri
public abstract partial class SearchContract
{
    private const string Ucum = "http://unitsofmeasure.org";

    private static string Weight(string id, string value, string code, string unit) =>
        Observation(id, "29463-7", "Patient/p", extra: $$$""","valueQuantity":{"value":{{{value}}},"unit":"{{{unit}}}","system":"{{{Ucum}}}","code":"{{{code}}}"}""");

    [DatabaseFact]
    public async Task Quantities_compare_in_canonical_units()
    {
        await PutAsync(Weight("lb", "185", "[lb_av]", "lbs"), Weight("kg", "80", "kg", "kg"), Weight("g", "80000", "g", "g"), Weight("mg", "5", "mg", "mg"));

        Assert.Equal(["g", "kg"], await Ids("Observation", $"value-quantity=80|{Ucum}|kg"));
        Assert.Equal(["g", "kg"], await Ids("Observation", $"value-quantity=80000|{Ucum}|g"));
        Assert.Equal(["lb"], await Ids("Observation", $"value-quantity=gt80|{Ucum}|kg"));
        Assert.Equal(["g", "kg", "lb"], await Ids("Observation", $"value-quantity=ge80|{Ucum}|kg"));
        Assert.Equal(["mg"], await Ids("Observation", $"value-quantity=lt1|{Ucum}|g"));
        Assert.Equal(["kg"], await Ids("Observation", "value-quantity=80||kg"));
        Assert.Equal(["lb"], await Ids("Observation", "value-quantity=185||lbs"));
        Assert.Equal(["kg"], await Ids("Observation", "value-quantity=80"));
        Assert.Equal(["kg"], await Ids("Observation", "value-quantity=ap85||kg"));
    }

    [DatabaseFact]
    public async Task Quantities_without_a_unit_match_the_values_as_recorded()
    {
        // https://hl7.org/fhir/R4/search.html#quantity: a number without a unit matches the value as recorded, whatever
        // its unit. body-height is 66.9 [in_i] (1.699 m), satO2 95 % (0.95), body-length 25 cm (0.25 m), example
        // 185 [lb_av] (83,915 g), blood-pressure has components of 107 and 60 mm[Hg] (14,265 and 7,999 g.m-1.s-2).
        await H.PutExamplesAsync(
            "Observation-body-height.json", "Observation-satO2.json", "Observation-body-length.json", "Observation-example.json", "Observation-blood-pressure.json");

        Assert.Empty(await Ids("Observation", "value-quantity=1.7"));
        Assert.Empty(await Ids("Observation", "value-quantity=0.95"));
        Assert.Equal(["satO2"], await Ids("Observation", "value-quantity=95"));
        Assert.Equal(["body-height"], await Ids("Observation", "value-quantity=66.9"));
        Assert.Empty(await Ids("Observation", "value-quantity=lt10"));
        Assert.Equal(["body-height", "body-length"], await Ids("Observation", "value-quantity=lt90"));
        Assert.Equal(["body-height", "body-length", "example"], await Ids("Observation", "value-quantity=ne95"));
        Assert.Empty(await Ids("Observation", "value-quantity=gt1000"));
        Assert.Empty(await Ids("Observation", "value-quantity=0.25||m"));
        Assert.Equal(["body-length"], await Ids("Observation", "value-quantity=25||cm"));

        // A system with no code gives no unit either.
        Assert.Empty(await Ids("Observation", $"value-quantity=1.7|{Ucum}|"));
        Assert.Equal(["body-height"], await Ids("Observation", $"value-quantity=66.9|{Ucum}|"));

        // A UCUM unit compares in canonical units.
        Assert.Equal(["body-height"], await Ids("Observation", $"value-quantity=1.7|{Ucum}|m"));
        Assert.Equal(["body-height"], await Ids("Observation", $"value-quantity=170|{Ucum}|cm"));
        Assert.Equal(["satO2"], await Ids("Observation", $"value-quantity=0.95|{Ucum}|1"));
        Assert.Equal(["body-height", "body-length"], await Ids("Observation", $"value-quantity=lt2|{Ucum}|m"));
        Assert.Equal(["body-height", "body-length", "satO2"], await Ids("Observation", $"value-quantity=95,lt2|{Ucum}|m"));

        // Composites: their quantity components likewise.
        Assert.Empty(await Ids("Observation", "component-code-value-quantity=8462-4$gt7000"));
        Assert.Empty(await Ids("Observation", "component-code-value-quantity=8462-4$ne60"));
        Assert.Equal(["blood-pressure"], await Ids("Observation", "component-code-value-quantity=8462-4$60"));
        Assert.Equal(["blood-pressure"], await Ids("Observation", $"component-code-value-quantity=8462-4$gt7|{Ucum}|kPa"));
        Assert.Empty(await Ids("Observation", "code-value-quantity=29463-7$gt1000"));
        Assert.Equal(["example"], await Ids("Observation", $"code-value-quantity=29463-7$83.9|{Ucum}|kg"));
        Assert.Empty(await Ids("Observation", "combo-value-quantity=gt1000"));
        Assert.Equal(["blood-pressure", "example"], await Ids("Observation", $"combo-value-quantity=gt10|{Ucum}|kPa,gt80|{Ucum}|kg"));

        // :missing and _sort read the values as recorded; a resource without one sorts last either way.
        Assert.Equal(["blood-pressure"], await Ids("Observation", "value-quantity:missing=true"));
        Assert.Equal(["body-length", "body-height", "satO2", "example", "blood-pressure"], await H.IdsAsync("Observation", "_sort=value-quantity"));
        Assert.Equal(["example", "satO2", "body-height", "body-length", "blood-pressure"], await H.IdsAsync("Observation", "_sort=-value-quantity"));
    }

    [DatabaseFact]
    public async Task Numbers_use_the_precision_of_the_search_value()
    {
        static string Risk(string id, string probability) =>
            $$$"""{"resourceType":"RiskAssessment","id":"{{{id}}}","status":"final","subject":{"reference":"Patient/p"},"prediction":[{"probabilityDecimal":{{{probability}}}}]}""";
        await PutAsync(Risk("a", "0.25"), Risk("b", "0.5"), Risk("c", "0.51"));

        Assert.Equal(["b", "c"], await Ids("RiskAssessment", "probability=0.5"));
        Assert.Equal(["b"], await Ids("RiskAssessment", "probability=0.50"));
        Assert.Equal(["a"], await Ids("RiskAssessment", "probability=0.3"));
        Assert.Equal(["b", "c"], await Ids("RiskAssessment", "probability=gt0.25"));
        Assert.Equal(["a", "b"], await Ids("RiskAssessment", "probability=le0.5"));
        Assert.Equal(["a"], await Ids("RiskAssessment", "probability=lt5e-1"));
    }

    [DatabaseFact]
    public async Task Uris_match_exactly_below_and_above()
    {
        await PutAsync(
            """{"resourceType":"ValueSet","id":"a","status":"active","url":"http://example.org/fhir/ValueSet/child/asq"}""",
            """{"resourceType":"ValueSet","id":"b","status":"active","url":"http://example.org/fhir/ValueSet/child"}""",
            """{"resourceType":"ValueSet","id":"c","status":"active","url":"http://example.org/other"}""");

        Assert.Equal(["b"], await Ids("ValueSet", "url=http://example.org/fhir/ValueSet/child"));
        Assert.Equal(["a", "b"], await Ids("ValueSet", "url:below=http://example.org/fhir/ValueSet"));
        Assert.Equal(["a", "b"], await Ids("ValueSet", "url:above=http://example.org/fhir/ValueSet/child/asq/v2"));
        Assert.Empty(await Ids("ValueSet", "url=HTTP://EXAMPLE.ORG/other"));
    }

    [DatabaseFact]
    public async Task Composite_components_match_within_one_occurrence()
    {
        static string Pressure(string id, int systolic, int diastolic) =>
            Observation(id, "85354-9", "Patient/p", extra: $$$"""
                ,"component":[
                  {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":{{{systolic}}},"system":"{{{Ucum}}}","code":"mm[Hg]"}},
                  {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":{{{diastolic}}},"system":"{{{Ucum}}}","code":"mm[Hg]"}}]
                """);
        await PutAsync(Pressure("high", 150, 95), Pressure("normal", 120, 80));

        Assert.Equal(["normal"], await Ids("Observation", "component-code-value-quantity=http://loinc.org|8480-6$120"));
        Assert.Empty(await Ids("Observation", "component-code-value-quantity=http://loinc.org|8480-6$80"));
        Assert.Equal(["high"], await Ids("Observation", $"component-code-value-quantity=http://loinc.org|8480-6$gt140|{Ucum}|mm[Hg]"));
        Assert.Equal(["high", "normal"], await Ids("Observation", "component-code-value-quantity=8462-4$95,8462-4$80"));
        Assert.Equal(["high", "normal"], await Ids("Observation", "combo-code-value-quantity=8462-4$ge80"));
    }

    [DatabaseFact]
    public async Task Composites_rooted_at_the_resource_match_its_code_and_value_and_combos_also_its_components()
    {
        // code-value-quantity and combo-code-value-quantity write no rows of their own: they read code and
        // value-quantity (the Observation is their one occurrence) and component-code-value-quantity.
        static string Measured(string id, string code, int value, string unit, string subject = "Patient/p") =>
            Observation(id, code, subject, extra: $$$""","valueQuantity":{"value":{{{value}}},"system":"{{{Ucum}}}","code":"{{{unit}}}"}""");
        await PutAsync(
            Measured("w80", "29463-7", 80, "kg"),
            Measured("w90", "29463-7", 90, "kg", "Patient/q"),
            Measured("h80", "8302-2", 80, "cm"),
            Observation("bp", "85354-9", "Patient/p", extra: $$$"""
                ,"component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":150,"system":"{{{Ucum}}}","code":"mm[Hg]"}}]
                """),
            Observation("none", "29463-7", "Patient/p"));

        Assert.Equal(["w80"], await Ids("Observation", "code-value-quantity=http://loinc.org|29463-7$80"));
        Assert.Equal(["w90"], await Ids("Observation", $"code-value-quantity=29463-7$gt85|{Ucum}|kg"));
        Assert.Equal(["w80"], await Ids("Observation", "code-value-quantity=29463-7$80000|http://unitsofmeasure.org|g"));
        Assert.Empty(await Ids("Observation", "code-value-quantity=8302-2$90"));
        Assert.Empty(await Ids("Observation", "code-value-quantity=8480-6$150"));
        Assert.Equal(["h80", "w80"], await Ids("Observation", "code-value-quantity=29463-7$80,8302-2$80"));
        Assert.Equal(["w80"], await Ids("Observation", "subject=Patient/p&code-value-quantity=29463-7$le85"));
        Assert.Equal(["w80", "w90"], await Ids("Observation", "combo-code-value-quantity=29463-7$ge80"));
        Assert.Equal(["bp"], await Ids("Observation", "combo-code-value-quantity=8480-6$gt140"));
        Assert.Equal(["bp", "h80"], await Ids("Observation", "combo-code-value-quantity=8480-6$150,8302-2$80"));
        Assert.Equal(["bp"], await Ids("Observation", "subject=Patient/p&combo-code-value-quantity=8480-6$150,29463-7$90"));
        Assert.Equal(["bp", "none"], await Ids("Observation", "code-value-quantity:missing=true"));
        Assert.Equal(["h80", "w80", "w90"], await Ids("Observation", "code-value-quantity:missing=false"));
        Assert.Equal(["none"], await Ids("Observation", "combo-code-value-quantity:missing=true"));
        Assert.Equal(["bp", "h80", "w80", "w90"], await Ids("Observation", "combo-code-value-quantity:missing=false"));
    }

    [DatabaseFact]
    public async Task Missing_finds_resources_with_and_without_values()
    {
        await PutAsync(Patient("with", "W", "1980-01-01"), Patient("without", "O"));

        Assert.Equal(["without"], await Ids("Patient", "birthdate:missing=true"));
        Assert.Equal(["with"], await Ids("Patient", "birthdate:missing=false"));
        Assert.Equal(["with", "without"], await Ids("Patient", "gender:missing=true"));
    }
}
