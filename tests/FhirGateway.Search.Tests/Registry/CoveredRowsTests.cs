using FhirGateway.FhirPath;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Search.Tests.Support;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Tests.Registry;

/// <summary>Parameters that leave out the values of the parts they cover (SearchParameterRegistry.ShareCoveredRows).</summary>
public sealed class CoveredRowsTests
{
    [Fact]
    public void Names_addresses_and_telecoms_cover_their_parts_on_the_types_that_have_both()
    {
        var covering = FhirGateway.Fhir.Definitions.FhirModel.R4.ResourceTypes.Select(t => t.Name)
            .SelectMany(type => SearchParameterRegistry.Official.For(type)
                .Where(p => p.CoveredParts is not null)
                .Select(p => $"{type}.{p.Code}->{string.Join("+", p.RowCodes)}"))
            .ToList();

        Assert.Equal(
            [
                "InsurancePlan.address->address+address-city+address-country+address-postalcode+address-state",
                "InsurancePlan.name->name+phonetic",
                "Location.address->address+address-city+address-country+address-postalcode+address-state",
                "Organization.address->address+address-city+address-country+address-postalcode+address-state",
                "Organization.name->name+phonetic",
                "OrganizationAffiliation.telecom->telecom+email+phone",
                "Patient.address->address+address-city+address-country+address-postalcode+address-state",
                "Patient.name->name+family+given",
                "Patient.phonetic->name+family+given",
                "Patient.telecom->telecom+email+phone",
                "Person.address->address+address-city+address-country+address-postalcode+address-state",
                "Person.telecom->telecom+email+phone",
                "Practitioner.address->address+address-city+address-country+address-postalcode+address-state",
                "Practitioner.name->name+family+given",
                "Practitioner.phonetic->name+family+given",
                "Practitioner.telecom->telecom+email+phone",
                "PractitionerRole.telecom->telecom+email+phone",
                "RelatedPerson.address->address+address-city+address-country+address-postalcode+address-state",
                "RelatedPerson.telecom->telecom+email+phone",
            ],
            covering.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_strings_and_tokens_of_concrete_types_cover_and_no_part_covers_others()
    {
        foreach (var type in FhirGateway.Fhir.Definitions.FhirModel.R4.ResourceTypes.Select(t => t.Name))
        {
            var parameters = SearchParameterRegistry.Official.For(type);
            foreach (var whole in parameters.Where(p => p.CoveredParts is not null))
            {
                Assert.True(whole.Type is SearchParamType.String or SearchParamType.Token, $"{type}.{whole.Code}");
                Assert.All(whole.CoveredParts!, code =>
                {
                    var part = parameters.Single(p => p.Code == code);
                    Assert.Equal(whole.Type, part.Type);
                    Assert.True(part.WritesOwnRows && part.CoveredParts is null, $"{type}.{code}");
                });
            }
        }
    }

    [Fact]
    public void A_patient_writes_each_name_address_and_telecom_value_once()
    {
        var indexer = new SearchIndexer(SearchParameterRegistry.Official);
        var rows = indexer.Extract(Resources.Json(
            """
            {"resourceType":"Patient",
             "name":[{"prefix":["Mrs"],"family":"Smith","given":["Ann","Mary"]}],
             "address":[{"line":["1 High Street"],"city":"Leeds","postalCode":"LS1 1AA","country":"GB"}],
             "telecom":[{"system":"phone","value":"0113 496 0000"},{"system":"email","value":"ann@example.com"},{"system":"fax","value":"0113 496 0001"}]}
            """));

        Assert.Equal(["mrs"], Values(rows, "name"));
        Assert.Equal(["smith"], Values(rows, "family"));
        Assert.Equal(["ann", "mary"], Values(rows, "given"));
        Assert.Equal(["1 high street"], Values(rows, "address"));
        Assert.Equal(["leeds"], Values(rows, "address-city"));
        Assert.Equal(["ls1 1aa"], Values(rows, "address-postalcode"));
        Assert.Equal(["gb"], Values(rows, "address-country"));
        Assert.Equal(["0113 496 0001"], Values(rows, "telecom"));
        Assert.Equal(["0113 496 0000"], Values(rows, "phone"));
        Assert.Equal(["ann@example.com"], Values(rows, "email"));
    }

    [Fact]
    public void A_whole_makes_its_remaining_rows_and_its_parts_rows_and_nothing_else_on_every_official_example()
    {
        var expressions = new TypeExpressions();
        var writer = new IndexRowWriter([]);
        var indexer = new SearchIndexer(SearchParameterRegistry.Official);
        var compared = 0;
        var left = 0;
        foreach (var name in OfficialExamples.Names)
        {
            var resource = OfficialExamples.Get(name);
            var written = indexer.Extract(resource);
            foreach (var whole in SearchParameterRegistry.Official.For(resource.Type.Name).Where(p => p.WritesOwnRows && p.CoveredParts is not null))
            {
                // Every row the parameter selects, as it was written before it covered anything.
                var all = new List<IndexRow>();
                foreach (var value in expressions.For(resource.Type, whole) is { } e ? Evaluate(e, resource) : [])
                {
                    writer.Add(all, whole.Code, whole.Type, value, resource);
                }

                var read = written.Where(r => whole.RowCodes.Contains(r.Parameter) && r.Group is null).Select(r => r.Renamed(whole.Code)).ToHashSet();
                Assert.True(all.ToHashSet().SetEquals(read), $"{name} {whole.Code}");
                left += all.Distinct().Count() - written.Count(r => r.Parameter == whole.Code);
                compared++;
            }
        }

        Assert.True(compared > 50, $"only {compared} comparisons");
        Assert.True(left > 50, $"only {left} rows left out");
    }

    private static List<string?> Values(IReadOnlyList<IndexRow> rows, string code) =>
        rows.Where(r => r.Parameter == code).Select(r => r.Kind == IndexKind.String ? r.Normalized : r.Code).Order(StringComparer.Ordinal).ToList();

    private static List<object> Evaluate(FhirPathExpression expression, Fhir.Model.ElementNode resource)
    {
        var context = new EvaluationContext { Resource = resource, RootResource = resource, ResolveReference = _ => null };
        var output = new List<object>();
        expression.Evaluate(resource, context, output);
        return output;
    }
}
