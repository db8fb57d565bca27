using FhirGateway.FhirPath;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Tests.Indexing;

public sealed class TypeExpressionsTests
{
    [Fact]
    public void Branches_split_only_at_top_level_unions()
    {
        Assert.Equal(
            ["Patient.name", "(Observation.value as Quantity)", "Person.telecom.where(system = 'a|b')", "Group.member.entity.where(resolve() is Patient)"],
            TypeExpressions.Branches("Patient.name | (Observation.value as Quantity) | Person.telecom.where(system = 'a|b')|Group.member.entity.where(resolve() is Patient)"));
    }

    [Fact]
    public void A_shared_parameter_keeps_only_the_branches_of_the_type()
    {
        var expressions = new TypeExpressions();
        var patient = SearchParameterRegistry.Official.For("Observation").Single(p => p.Code == "patient");
        var narrowed = expressions.For(Resources.Json("""{"resourceType":"Observation"}""").Type, patient);
        Assert.NotNull(narrowed);
        Assert.NotSame(patient.Compiled, narrowed);
        Assert.DoesNotContain("AllergyIntolerance", narrowed.Expression, StringComparison.Ordinal);
        Assert.Contains("Observation.subject", narrowed.Expression, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_in_parentheses_is_kept_only_for_the_type_it_wraps()
    {
        var expressions = new TypeExpressions();
        var code = SearchParameterRegistry.Official.For("Observation").Single(p => p.Code == "code");
        Assert.Contains("(MedicationRequest.medication as CodeableConcept)", code.Expression, StringComparison.Ordinal);

        var narrowed = expressions.For(Resources.Json("""{"resourceType":"Observation"}""").Type, code);

        Assert.NotNull(narrowed);
        Assert.DoesNotContain("Medication", narrowed.Expression, StringComparison.Ordinal);
        Assert.Contains("Observation.code", narrowed.Expression, StringComparison.Ordinal);
        Assert.Equal("A.b as C", TypeExpressions.Unwrap("((A.b as C))"));
        Assert.Equal("(A.b).c", TypeExpressions.Unwrap("(A.b).c"));
    }

    [Fact]
    public void Narrowed_expressions_give_the_rows_of_the_full_ones_on_every_official_example()
    {
        // The same rows, not the same values: a union also removed equal values, whose rows are removed as duplicates.
        var expressions = new TypeExpressions();
        var writer = new IndexRowWriter([]);
        var checkedParameters = 0;
        foreach (var name in OfficialExamples.Names)
        {
            var resource = OfficialExamples.Get(name);
            foreach (var parameter in SearchParameterRegistry.Official.For(resource.Type.Name))
            {
                if (parameter.Compiled is null || parameter.Type == SearchParamType.Special)
                {
                    continue;
                }

                var full = Evaluate(parameter.Compiled, resource);
                var narrowed = expressions.For(resource.Type, parameter) is { } expression ? Evaluate(expression, resource) : [];
                if (parameter.Type == SearchParamType.Composite)
                {
                    Assert.True(full.Count == narrowed.Count && full.Zip(narrowed).All(p => Same(p.First, p.Second)), $"{name} {parameter.Code}");
                }
                else
                {
                    Assert.Equal(Rows(writer, parameter, full, resource), Rows(writer, parameter, narrowed, resource));
                }

                checkedParameters++;
            }
        }

        Assert.True(checkedParameters > 100);
    }

    private static List<Storage.Indexing.IndexRow> Rows(IndexRowWriter writer, SearchParameterInfo parameter, List<object> values, Fhir.Model.ElementNode resource)
    {
        var rows = new List<Storage.Indexing.IndexRow>();
        foreach (var value in values.Where(v => v is not string s || s != "(error)"))
        {
            writer.Add(rows, parameter.Code, parameter.Type, value, resource);
        }

        return rows.Distinct().ToList();
    }

    private static bool Same(object a, object b) => a is Fhir.Model.ElementNode ? ReferenceEquals(a, b) : Equals(a, b);

    private static List<object> Evaluate(FhirPathExpression expression, Fhir.Model.ElementNode resource)
    {
        var context = new EvaluationContext { Resource = resource, RootResource = resource, ResolveReference = _ => null };
        var output = new List<object>();
        try
        {
            expression.Evaluate(resource, context, output);
        }
        catch (FhirPathException)
        {
            return ["(error)"];
        }

        return output;
    }
}
