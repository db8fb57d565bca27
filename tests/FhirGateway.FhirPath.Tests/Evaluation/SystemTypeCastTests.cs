using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Evaluation;

/// <summary>
/// <c>as</c> and <c>ofType</c> with a System type name on FHIR primitives (https://hl7.org/fhir/R4/fhirpath.html#types:
/// each FHIR primitive maps to a System type), as R4's own SearchParameters use them (<c>value.as(DateTime)</c>).
/// </summary>
public sealed class SystemTypeCastTests
{
    private static readonly ElementNode Dated = Resources.Json("""
        { "resourceType": "Observation", "status": "final", "code": { "text": "x" }, "valueDateTime": "2016-12-30", "issued": "2017-01-02T10:00:00Z" }
        """);

    private static readonly ElementNode Period = Resources.Json("""
        { "resourceType": "Observation", "status": "final", "code": { "text": "x" }, "valuePeriod": { "start": "2016-12-01" } }
        """);

    [Fact]
    public void As_a_system_type_keeps_the_fhir_primitives_of_that_type_unchanged()
    {
        var dateTime = Assert.IsType<ElementNode>(Fhp.One("Observation.value.as(DateTime)", Dated));
        Assert.Equal(("dateTime", "2016-12-30"), (dateTime.Type.Name, dateTime.Value));
        Assert.Equal("instant", Assert.IsType<ElementNode>(Fhp.One("Observation.issued as DateTime", Dated)).Type.Name);
        Assert.Equal("date", Assert.IsType<ElementNode>(Fhp.One("Patient.birthDate.as(Date)", Fhp.Patient)).Type.Name);
        Assert.Equal("code", Assert.IsType<ElementNode>(Fhp.One("Patient.gender.as(String)", Fhp.Patient)).Type.Name);
        Assert.Equal("boolean", Assert.IsType<ElementNode>(Fhp.One("Patient.active.as(Boolean)", Fhp.Patient)).Type.Name);
        Assert.Equal(["Peter", "James", "Jim"], Fhp.Eval("Patient.name.given.ofType(String)", Fhp.Patient).Select(i => ((ElementNode)i).Value));
    }

    [Fact]
    public void Other_types_and_qualified_names_do_not_match()
    {
        Assert.True(Fhp.Empty("Patient.birthDate.as(DateTime)", Fhp.Patient));
        Assert.True(Fhp.Empty("Observation.value.as(Date)", Dated));
        Assert.True(Fhp.Empty("Patient.active.as(String)", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.name.ofType(String)", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.active.as(System.Boolean)", Fhp.Patient));
        Assert.True(Fhp.Empty("Patient.gender.as(string)", Fhp.Patient));
        Assert.True(Fhp.Empty("Observation.value.as(DateTime)", Period));
    }

    [Fact]
    public void Is_still_tells_fhir_primitives_from_system_types()
    {
        // The official R4 cases testType12 and testType14.
        Assert.True(Fhp.True("Patient.active.is(Boolean).not() and Patient.active.is(System.Boolean).not()", Fhp.Patient));
        Assert.True(Fhp.True("Patient.active.is(boolean) and Patient.gender is string", Fhp.Patient));
    }

    [Fact]
    public void The_code_value_date_component_selects_a_date_time_or_a_period()
    {
        const string Component = "value.as(DateTime) | value.as(Period)";
        Assert.Equal("2016-12-30", Assert.IsType<ElementNode>(Fhp.One(Component, Dated)).Value);
        Assert.Equal("Period", Assert.IsType<ElementNode>(Fhp.One(Component, Period)).Type.Name);

        var strict = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        var compiled = strict.Compile("Observation." + Component, "Observation");
        Assert.Equal("2016-12-30", Assert.IsType<ElementNode>(Assert.Single(compiled.Evaluate(Dated))).Value);
    }
}
