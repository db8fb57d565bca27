using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Evaluation;

public sealed class EvaluationTests
{
    [Fact]
    public void Paths_start_with_an_optional_type_name()
    {
        Assert.Equal(Fhp.Eval("name.given", Fhp.Patient), Fhp.Eval("Patient.name.given", Fhp.Patient));
        Assert.Equal(4, Fhp.Eval("DomainResource.text | Resource.id | Patient.name.given", Fhp.Patient).Count);
        Assert.True(Fhp.Empty("Observation.status", Fhp.Patient));
    }

    [Fact]
    public void Choice_elements_by_name_and_by_typed_name_unless_strict()
    {
        var observation = Resources.Json("""
            { "resourceType": "Observation", "status": "final", "code": { "text": "x" }, "valueString": "high", "effectiveDateTime": "2020-01-02" }
            """);
        Assert.Equal("high", Fhp.Text("Observation.value", observation));
        Assert.Equal("high", Fhp.Text("Observation.valueString", observation));
        Assert.True(Fhp.True("Observation.effective is dateTime and Observation.value is string", observation));

        var strict = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("Observation.valueString", "Observation"));
        Assert.Equal("high", ((ElementNode)strict.Compile("Observation.value.ofType(string)", "Observation").Evaluate(observation)[0]).Value);
    }

    [Fact]
    public void Strict_compilation_checks_paths_against_the_model()
    {
        var strict = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("name.given1", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("Encounter.status", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("identifier.endsWith('x')", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("birthDate + 1", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("contact.name.as(Period).family", "Patient"));
        Assert.NotNull(strict.Compile("contact.name.given | contained.name | name.where(use = 'official').given.first()", "Patient"));
        Assert.NotNull(strict.Compile("Resource.id", "Patient"));
        Assert.NotNull(strict.Compile("descendants().foo", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => strict.Compile("x", "NoSuchType"));
    }

    [Fact]
    public void Ordered_checks_refuse_order_dependent_functions_on_unordered_input()
    {
        var ordered = new FhirPathCompiler(new FhirPathCompileOptions { CheckOrderedFunctions = true });
        Assert.Throws<FhirPathSemanticException>(() => ordered.Compile("children().first()", "Patient"));
        Assert.Throws<FhirPathSemanticException>(() => ordered.Compile("descendants().where(true)[0]", "Patient"));
        Assert.NotNull(ordered.Compile("name.first()", "Patient"));
        Assert.NotNull(ordered.Compile("children().count()", "Patient"));
    }

    [Fact]
    public void Environment_variables()
    {
        var context = new EvaluationContext();
        context.Variables["limit"] = 2;
        context.Variables["names"] = new object[] { "Peter", "Jim" };
        context.Variables["nothing"] = null;
        Assert.True(Fhp.True("name.count() = %limit and %names.count() = 2 and %nothing.empty()", Fhp.Patient, context));
        Assert.True(Fhp.True("%context = %resource and %resource.id = 'p1'", Fhp.Patient));
        Assert.True(Fhp.True("%ucum = 'http://unitsofmeasure.org' and %sct = 'http://snomed.info/sct' and %loinc = 'http://loinc.org'"));
        Assert.True(Fhp.True("%'vs-x' = 'http://hl7.org/fhir/ValueSet/x'"));
        var e = Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("%undefined"));
        Assert.Equal(0, e.Position);
    }

    [Fact]
    public void Iterating_functions_see_this_index_and_total()
    {
        Assert.Equal(["0:Peter", "1:James"], Fhp.Eval("name.first().given.select($index.toString() + ':' + $this)", Fhp.Patient).Select(x => x.ToString()));
        Assert.True(Fhp.True("(1 | 2 | 3).aggregate($total + $this, 10) = 16"));
        Assert.True(Fhp.True("name.where(given.where($this = 'Jim').exists()).use = 'usual'", Fhp.Patient));
        Assert.True(Fhp.True("name.select(given.select($this.length())).aggregate(iif($total.empty(), $this, iif($this > $total, $this, $total))) = 5", Fhp.Patient));
    }

    [Fact]
    public void Collections_and_boolean_logic()
    {
        Assert.True(Fhp.True("(1 | 2 | 2 | 3).count() = 3 and (1 | 2).combine(2).count() = 3"));
        Assert.True(Fhp.True("(1 | 2 | 3).exclude(2) = (1 | 3) and (1 | 2 | 3).intersect(3 | 4) = 3"));
        Assert.True(Fhp.True("('a' | 'b').subsetOf('a' | 'b' | 'c') and ('a' | 'b').supersetOf('b')"));
        Assert.True(Fhp.True("{}.exists().not() and {}.all(false) and (true | false).anyTrue() and (true | false).allTrue().not()"));
        Assert.True(Fhp.Empty("true and {}"));
        Assert.Equal(false, Fhp.One("false and {}"));
        Assert.True(Fhp.Empty("{} implies false"));
        Assert.Equal(true, Fhp.One("{} implies true"));
        Assert.True(Fhp.Empty("{} xor true"));
        Assert.True(Fhp.True("'A  b ' ~ 'a B'"));
        Assert.True(Fhp.True("name ~ name and name.first() != name.last()", Fhp.Patient));
        Assert.True(Fhp.True("(3 | 1 | 2).sort() = (1 | 2 | 3) and (3 | 1 | 2).sort(-$this) = (3 | 2 | 1)"));
    }

    [Fact]
    public void Union_and_distinct_on_large_collections()
    {
        var items = string.Join(" | ", Enumerable.Range(1, 40));
        Assert.True(Fhp.True($"({items} | 1.0 | 40.00 | '1').count() = 41"));
        Assert.True(Fhp.True($"({items}).combine({items}).distinct().count() = 40"));
        Assert.True(Fhp.True($"({items}).combine(3).isDistinct().not() and ({items}).isDistinct()"));
        Assert.True(Fhp.True($"({items}).combine(@2014-01-01 | @2014-01-01 | 5 'mg' | 0.005 'g').distinct().count() = 42"));
        Assert.True(Fhp.True("Patient.name.given.combine(Patient.name.given).repeat($this).count() = 3", Fhp.Patient));
    }

    [Fact]
    public void A_primitive_with_only_extensions_has_no_value()
    {
        var patient = Resources.Json("""
            { "resourceType": "Patient", "name": [ { "given": [ "A", null ], "_given": [ null, { "extension": [ { "url": "http://x.org/e", "valueString": "masked" } ] } ] } ] }
            """);
        Assert.Equal([true, false], Fhp.Eval("name.given.select(hasValue())", patient));
        Assert.Equal(["A"], Fhp.Eval("name.given.select(substring(0, 1))", patient).Select(x => x.ToString()));
        Assert.True(Fhp.True("name.given[1].extension.value = 'masked' and name.given[1].length().empty()", patient));
    }

    [Fact]
    public void Strings_and_math()
    {
        Assert.True(Fhp.True("'abcdefg'.substring(6, 2) = 'g' and 'abcdefg'.substring(3, 0) = '' and 'abc abc'.lastIndexOf('a') = 4"));
        Assert.True(Fhp.True("'11/30/1972'.replaceMatches('(?<m>\\\\d{1,2})/(?<d>\\\\d{1,2})/(?<y>\\\\d{4})', '${d}-${m}-${y}') = '30-11-1972'"));
        Assert.True(Fhp.True("'N8000123123'.matches('N[0-9]{8}') and 'N8000123123'.matchesFull('N[0-9]{8}').not()"));
        Assert.True(Fhp.True("'a,b'.split(',').join('|') = 'a|b' and ' x '.trim() = 'x' and 'ab'.toChars().count() = 2"));
        Assert.True(Fhp.True("2.power(10) = 1024 and 2.power(0.5).round(3) = 1.414 and 10.log(10) = 1 and 1.5.round() = 2 and (-1.5).round() = -2"));
        Assert.True(Fhp.True("5 / 2 = 2.5 and 5 div 2 = 2 and -5 mod 3 = -2 and 5.5 mod 0.7 = 0.6"));
        Assert.True(Fhp.Empty("2147483647 * 2147483647 * 2147483647"));
        Assert.True(Fhp.Empty("(-4).sqrt()"));
    }

    [Fact]
    public void Errors_signal_with_the_position()
    {
        var e = Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("Patient.name.given + 'x'", Fhp.Patient));
        Assert.Equal(19, e.Position);
        Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("'a' < 1"));
        Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("Patient.name.single()", Fhp.Patient));
    }

    [Fact]
    public void Hostile_input_is_bounded()
    {
        var deep = new string('(', 5000) + "1" + new string(')', 5000);
        Assert.Throws<FhirPathSyntaxException>(() => FhirPathExpression.Parse(deep));
        Assert.Throws<FhirPathSyntaxException>(() => FhirPathExpression.Parse(new string('-', 5000) + "1"));
        Assert.Equal(1L, Fhp.One(new string('(', 150) + "1" + new string(')', 150)));
        Assert.Throws<FhirPathSyntaxException>(() => FhirPathExpression.Parse(string.Join(".", Enumerable.Repeat("name", 5000))));
        Assert.Throws<FhirPathSyntaxException>(() => FhirPathExpression.Parse(string.Join(" + ", Enumerable.Repeat("1", 5000))));
        Assert.Equal(200L, Fhp.One(string.Join(" + ", Enumerable.Repeat("1", 200))));
        Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval("(1).repeat($this + 1)"));
        Assert.Equal(1L, Fhp.One("1.power(2000000000)"));
        Assert.Equal(4611686018427387904L, Fhp.One("2.power(62)"));
        Assert.True(Fhp.Empty("2.power(64)"));
    }

    [Fact]
    public void Trace_reports_to_the_tracer_and_passes_the_input_on()
    {
        var traced = new List<(string, int)>();
        var context = new EvaluationContext { Tracer = (name, items) => traced.Add((name, items.Count)) };
        Assert.Equal(3, Fhp.Eval("name.given.trace('given').trace('lengths', length())", Fhp.Patient, context).Count);
        Assert.Equal([("given", 3), ("lengths", 3)], traced);
    }

    [Fact]
    public void Predicate_scalar_and_IsTrue_follow_singleton_evaluation()
    {
        var active = FhirPathExpression.Parse("active");
        Assert.True(active.Predicate(Fhp.Patient));
        Assert.False(FhirPathExpression.Parse("deceased").Predicate(Fhp.Patient));
        Assert.True(FhirPathExpression.Parse("gender").Predicate(Fhp.Patient));
        Assert.Throws<FhirPathEvaluationException>(() => FhirPathExpression.Parse("name").Predicate(Fhp.Patient));
        Assert.Equal("male", ((ElementNode)FhirPathExpression.Parse("gender").Scalar(Fhp.Patient)!).Value);
        Assert.Null(FhirPathExpression.Parse("deceased").Scalar(Fhp.Patient));
        Assert.Throws<FhirPathEvaluationException>(() => FhirPathExpression.Parse("name").Scalar(Fhp.Patient));
        Assert.True(FhirPathExpression.IsTrue([true]));
        Assert.False(FhirPathExpression.IsTrue([]));
        Assert.True(FhirPathExpression.IsTrue(["x"]));
        Assert.Throws<FhirPathEvaluationException>(() => FhirPathExpression.IsTrue([true, true]));
    }

    [Fact]
    public void A_collection_can_be_the_focus()
    {
        var names = Fhp.Eval("name", Fhp.Patient);
        var given = FhirPathExpression.Parse("given.count()").Evaluate(names);
        Assert.Equal(3L, given[0]);
        Assert.Equal(2L, FhirPathExpression.Parse("%context.count()").Evaluate(names)[0]);
    }

    [Fact]
    public void Descendants_and_children()
    {
        Assert.True(Fhp.True("Patient.children().count() = 9", Fhp.Patient));
        Assert.Contains(Fhp.Eval("Patient.descendants()", Fhp.Patient), x => x is ElementNode { Name: "family", Value: "Careful" });
        Assert.True(Fhp.True("Patient.repeat(contained | name).count() = 4", Fhp.Patient));
    }
}
