namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#token
public abstract partial class SearchContract
{
    private const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";

    [DatabaseFact]
    public async Task Token_forms_system_and_code()
    {
        await PutAsync(
            Patient("a", "A", extra: $$""","identifier":[{"system":"{{NhsNumber}}","value":"9449305552"}]"""),
            Patient("b", "B", extra: ""","identifier":[{"value":"9449305552"}]"""),
            Patient("c", "C", extra: ""","identifier":[{"system":"urn:other","value":"42"}]"""));

        Assert.Equal(["a"], await Ids("Patient", $"identifier={NhsNumber}|9449305552"));
        Assert.Equal(["a", "b"], await Ids("Patient", "identifier=9449305552"));
        Assert.Equal(["b"], await Ids("Patient", "identifier=|9449305552"));
        Assert.Equal(["c"], await Ids("Patient", "identifier=urn:other|"));
        Assert.Empty(await Ids("Patient", $"identifier={NhsNumber}|42"));
    }

    [DatabaseFact]
    public async Task Several_values_match_any_of_them_whether_they_find_the_candidates_or_check_them()
    {
        // subject finds the candidates and the codes check each (one EXISTS per exact value on SQLite), or the codes
        // find them (one SELECT per value, UNION).
        await PutAsync(
            Observation("h", "8302-2", "Patient/p"), Observation("w", "29463-7", "Patient/p"), Observation("b", "85354-9", "Patient/p"),
            Observation("q", "8302-2", "Patient/q"));

        Assert.Equal(["h", "w"], await Ids("Observation", "subject=Patient/p&code=http://loinc.org|8302-2,http://loinc.org|29463-7"));
        Assert.Equal(["h", "q", "w"], await Ids("Observation", "code=http://loinc.org|8302-2,http://loinc.org|29463-7"));
        Assert.Equal(["h"], await Ids("Observation", "subject=Patient/p&code=http://loinc.org|8302-2,http://snomed.info/sct|8302-2"));
        Assert.Equal(["b", "h", "q", "w"], await Ids("Observation", "subject=Patient/p,Patient/q"));
        Assert.Equal(["h", "q"], await Ids("Observation", "subject=Patient/p,Patient/q&code=http://loinc.org|8302-2"));
    }

    [DatabaseFact]
    public async Task Token_not_matches_resources_without_the_code_including_those_without_any()
    {
        await PutAsync(Patient("a", "A", gender: "male"), Patient("b", "B", gender: "female"), Patient("c", "C"));

        Assert.Equal(["b", "c"], await Ids("Patient", "gender:not=male"));
        Assert.Equal(["a"], await Ids("Patient", "gender=male"));
        // A code carries the system of its required binding.
        Assert.Equal(["a"], await Ids("Patient", "gender=http://hl7.org/fhir/administrative-gender|male"));
        Assert.Empty(await Ids("Patient", "gender=|male"));
        Assert.Equal(["a", "b"], await Ids("Patient", "gender=male,female"));
    }

    [DatabaseFact]
    public async Task Token_text_searches_display_and_concept_text()
    {
        await PutAsync(
            Observation("o1", "29463-7", "Patient/p"),
            Observation("o2", "8302-2", "Patient/p", extra: ""","category":[{"text":"Vital Signs"}]"""));

        Assert.Equal(["o1"], await Ids("Observation", "code:text=code 2946"));
        Assert.Equal(["o2"], await Ids("Observation", "category:text=vital"));
    }

    [DatabaseFact]
    public async Task Identifier_of_type_matches_type_and_value_together()
    {
        const string v2 = "http://terminology.hl7.org/CodeSystem/v2-0203";
        await PutAsync(
            Patient("a", "A", extra: $$""","identifier":[{"type":{"coding":[{"system":"{{v2}}","code":"MR"}]},"system":"urn:h","value":"12345"}]"""),
            Patient("b", "B", extra: $$""","identifier":[{"type":{"coding":[{"system":"{{v2}}","code":"NI"}]},"system":"urn:h","value":"12345"}]"""));

        Assert.Equal(["a"], await Ids("Patient", $"identifier:of-type={v2}|MR|12345"));
        Assert.Equal(["b"], await Ids("Patient", $"identifier:of-type={v2}|NI|12345"));
        Assert.Empty(await Ids("Patient", $"identifier:of-type={v2}|MR|99"));
    }

    [DatabaseFact]
    public async Task Booleans_codes_and_contact_points_are_tokens()
    {
        await PutAsync(
            Patient("a", "A", extra: ""","active":true,"telecom":[{"system":"phone","value":"0113 496 0000"},{"system":"email","value":"a@example.org"}]"""),
            Patient("b", "B", extra: ""","active":false"""));

        Assert.Equal(["a"], await Ids("Patient", "active=true"));
        Assert.Equal(["b"], await Ids("Patient", "active=false"));
        Assert.Equal(["a"], await Ids("Patient", "email=a@example.org"));
        Assert.Equal(["a"], await Ids("Patient", "telecom=phone|0113 496 0000"));
        Assert.Empty(await Ids("Patient", "phone=a@example.org"));
    }

    [DatabaseFact]
    public async Task Combo_parameters_read_the_rows_of_their_parts()
    {
        // combo-code is code | component-code, combo-value-quantity value-quantity | component-value-quantity: both are
        // answered from their parts' rows (SharedRowsTests).
        await PutAsync(
            Observation("a", "8480-6", "Patient/p", extra: ",\"valueQuantity\":{\"value\":120,\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}"),
            Observation("b", "85354-9", "Patient/p", extra:
                ",\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":80,\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}]"),
            Observation("c", "8310-5", "Patient/p"));

        Assert.Equal(["a"], await Ids("Observation", "combo-code=http://loinc.org|8480-6"));
        Assert.Equal(["b"], await Ids("Observation", "combo-code=8462-4"));
        Assert.Equal(["b"], await Ids("Observation", "combo-code=85354-9"));
        Assert.Equal(["a", "b"], await Ids("Observation", "combo-code=8480-6,8462-4"));
        Assert.Equal(["b", "c"], await Ids("Observation", "combo-code:not=8480-6"));
        Assert.Equal(["a", "b"], await Ids("Observation", "combo-value-quantity=gt50"));
        Assert.Equal(["b"], await Ids("Observation", "combo-value-quantity=lt100"));
        Assert.Equal(["c"], await Ids("Observation", "combo-value-quantity:missing=true"));
        Assert.Equal(["a", "b"], await Ids("Observation", "combo-value-quantity:missing=false"));
        Assert.Equal(["b", "a"], await H.IdsAsync("Observation", "_sort=combo-value-quantity&combo-value-quantity:missing=false"));
        Assert.Equal(["a", "b"], await H.IdsAsync("Observation", "_sort=-combo-value-quantity&combo-value-quantity:missing=false"));
    }
}
