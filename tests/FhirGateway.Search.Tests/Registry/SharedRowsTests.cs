using FhirGateway.FhirPath;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Search.Tests.Support;

namespace FhirGateway.Search.Tests.Registry;

/// <summary>Parameters answered from another parameter's rows (SearchParameterRegistry.ShareRows).</summary>
public sealed class SharedRowsTests
{
    [Fact]
    public void Exactly_the_parameters_equal_to_another_on_every_base_type_share_its_rows()
    {
        var shared = SearchParameterRegistry.Official.All
            .Where(p => p.RowCode != p.Code)
            .Select(p => $"{string.Join(",", p.Bases.Order(StringComparer.Ordinal))}.{p.Code}->{p.RowCode}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                "CapabilityStatement.fhirversion->version",
                "CodeSystem.system->url",
                "Patient,Person,Practitioner,RelatedPerson.phonetic->name",
            ],
            shared);
    }

    [Fact]
    public void Exactly_the_unions_of_other_parameters_on_every_base_type_read_their_parts_rows()
    {
        var parted = SearchParameterRegistry.Official.All
            .Where(p => p.RowParts is not null)
            .Select(p => $"{string.Join(",", p.Bases)}.{p.Code}->{string.Join("+", p.RowParts!)}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                "Observation.combo-code->code+component-code",
                "Observation.combo-code-value-concept->code-value-concept+component-code-value-concept",
                "Observation.combo-code-value-quantity->code-value-quantity+component-code-value-quantity",
                "Observation.combo-data-absent-reason->component-data-absent-reason+data-absent-reason",
                "Observation.combo-value-concept->component-value-concept+value-concept",
                "Observation.combo-value-quantity->component-value-quantity+value-quantity",
            ],
            parted);
    }

    [Fact]
    public void Exactly_the_composites_rooted_at_the_resource_whose_components_are_their_parameters_read_those_rows()
    {
        // code-value-string keeps its rows: value-string also reads (value as CodeableConcept).text. code-value-date
        // does too: its component says value.as(DateTime), value-date says value as dateTime.
        var rooted = SearchParameterRegistry.Official.All
            .Where(p => p.ComponentRows is not null)
            .Select(p => $"{string.Join(",", p.Bases)}.{p.Code}->{string.Join("+", p.ComponentRows!)}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["Observation.code-value-concept->code+value-concept", "Observation.code-value-quantity->code+value-quantity"], rooted);
    }

    [Fact]
    public void A_composite_rooted_at_the_resource_makes_the_rows_its_components_parameters_make_on_every_official_example()
    {
        var expressions = new TypeExpressions();
        var writer = new IndexRowWriter([]);
        var compared = 0;
        foreach (var name in OfficialExamples.Names)
        {
            var resource = OfficialExamples.Get(name);
            foreach (var composite in SearchParameterRegistry.Official.For(resource.Type.Name).Where(p => p.ComponentRows is not null))
            {
                for (var i = 0; i < composite.Components.Count; i++)
                {
                    var component = composite.Components[i];
                    var own = Rows(writer, component.Parameter!, Evaluate(component.Compiled!, resource), resource);
                    Assert.True(SearchParameterRegistry.Official.TryGet(resource.Type.Name, composite.ComponentRows![i], out var part));
                    var read = Rows(writer, component.Parameter!, expressions.For(resource.Type, part) is { } e ? Evaluate(e, resource) : [], resource);
                    Assert.True(own.ToHashSet().SetEquals(read), $"{name} {composite.Code} {i}");
                    compared++;
                }
            }
        }

        Assert.True(compared > 100, $"only {compared} comparisons");
    }

    [Fact]
    public void A_union_makes_the_rows_its_parts_make_on_every_official_example()
    {
        // The same rows, not the same elements: a union also drops elements equal to others, whose rows are duplicates.
        var expressions = new TypeExpressions();
        var writer = new IndexRowWriter([]);
        var compared = 0;
        foreach (var name in OfficialExamples.Names)
        {
            var resource = OfficialExamples.Get(name);
            foreach (var parameter in SearchParameterRegistry.Official.For(resource.Type.Name).Where(p => p.RowParts is not null && p.Type != SearchParamType.Composite))
            {
                var own = Rows(writer, parameter, expressions.For(resource.Type, parameter) is { } e ? Evaluate(e, resource) : [], resource);
                var parts = new List<Storage.Indexing.IndexRow>();
                foreach (var code in parameter.RowParts!)
                {
                    Assert.True(SearchParameterRegistry.Official.TryGet(resource.Type.Name, code, out var part));
                    parts.AddRange(Rows(writer, parameter, expressions.For(resource.Type, part) is { } p ? Evaluate(p, resource) : [], resource));
                }

                Assert.True(own.ToHashSet().SetEquals(parts), $"{name} {parameter.Code}");
                compared++;
            }
        }

        Assert.True(compared > 100, $"only {compared} comparisons");
    }

    private static List<Storage.Indexing.IndexRow> Rows(IndexRowWriter writer, SearchParameterInfo parameter, List<object> values, Fhir.Model.ElementNode resource)
    {
        var rows = new List<Storage.Indexing.IndexRow>();
        foreach (var value in values)
        {
            writer.Add(rows, parameter.Code, parameter.Type, value, resource);
        }

        return rows.Distinct().ToList();
    }

    [Fact]
    public void References_keep_their_own_rows_and_composites_read_only_composites_or_their_components_parameters()
    {
        Assert.All(SearchParameterRegistry.Official.All.Where(p => p.Type is SearchParamType.Reference), p => Assert.True(p.WritesOwnRows, p.Url));
        Assert.All(SearchParameterRegistry.Official.All.Where(p => p.Type is SearchParamType.Composite), p =>
        {
            Assert.Equal(p.Code, p.RowCode);
            Assert.All(p.RowParts ?? [], code => Assert.Equal(SearchParamType.Composite, SearchParameterRegistry.Official.For(p.Bases[0]).Single(q => q.Code == code).Type));
            Assert.Equal(p.Components.Count, p.ComponentRows?.Count ?? p.Components.Count);
        });
    }

    [Fact]
    public void An_observation_writes_no_rows_of_composites_rooted_at_it_and_keeps_those_of_its_components()
    {
        var indexer = new SearchIndexer(SearchParameterRegistry.Official);
        var rows = indexer.Extract(OfficialExamples.Get("Observation-example.json"));

        Assert.DoesNotContain(rows, r => r.Parameter.StartsWith("code-value-quantity$", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Parameter.StartsWith("combo-code-value-quantity$", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Parameter == "code" && r.Code == "29463-7");
        Assert.Contains(rows, r => r.Parameter == "value-quantity" && r.Group is null);
    }

    [Fact]
    public void A_patient_writes_name_rows_and_no_phonetic_rows_and_phonetic_searches_read_them()
    {
        var indexer = new SearchIndexer(SearchParameterRegistry.Official);
        var rows = indexer.Extract(Resources.Json("""{"resourceType":"Patient","name":[{"family":"Smith","given":["Ann"]}]}"""));

        // Smith is written once, as a family (name covers family and given: CoveredRowsTests).
        Assert.DoesNotContain(rows, r => r.Parameter == "phonetic");
        Assert.Contains(rows, r => r.Parameter == "family" && r.Normalized == "smith");
        Assert.True(SearchParameterRegistry.Official.TryGet("Patient", "phonetic", out var phonetic));
        Assert.Equal("name", phonetic.RowCode);
        Assert.Equal(["name", "family", "given"], phonetic.RowCodes);
    }

    [Fact]
    public void A_shared_parameter_selects_the_same_values_as_the_one_whose_rows_it_reads_on_every_official_example()
    {
        var expressions = new TypeExpressions();
        var compared = 0;
        foreach (var name in OfficialExamples.Names)
        {
            var resource = OfficialExamples.Get(name);
            foreach (var parameter in SearchParameterRegistry.Official.For(resource.Type.Name).Where(p => p.RowCode != p.Code))
            {
                Assert.True(SearchParameterRegistry.Official.TryGet(resource.Type.Name, parameter.RowCode, out var source));
                var own = expressions.For(resource.Type, parameter) is { } a ? Evaluate(a, resource) : [];
                var read = expressions.For(resource.Type, source) is { } b ? Evaluate(b, resource) : [];
                Assert.True(own.Count == read.Count && own.Zip(read).All(p => ReferenceEquals(p.First, p.Second)), $"{name} {parameter.Code}");
                compared++;
            }
        }

        Assert.True(compared > 10, $"only {compared} comparisons");
    }

    private static List<object> Evaluate(FhirPathExpression expression, Fhir.Model.ElementNode resource)
    {
        var context = new EvaluationContext { Resource = resource, RootResource = resource, ResolveReference = _ => null };
        var output = new List<object>();
        expression.Evaluate(resource, context, output);
        return output;
    }
}
