using FhirGateway.Search.Indexing;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Tests.EndToEnd;

// The REST layer's seams: every write indexed, conditional criteria matched (https://hl7.org/fhir/R4/http.html#ccreate).
public abstract partial class SearchContract
{
    private static ResourceWrite Write(SearchResourceIndexer indexer, string json)
    {
        var resource = Support.Resources.Json(json);
        var index = indexer.Index(resource);
        return new ResourceWrite(resource) { IndexRows = index.Rows, IdentityKeys = index.IdentityKeys };
    }

    [DatabaseFact]
    public async Task The_resource_indexer_writes_rows_and_identity_keys()
    {
        var indexer = new SearchResourceIndexer(H.Indexer);
        var json = $$"""{"resourceType":"Patient","identifier":[{"system":"{{NhsNumber}}","value":"9449305552"}],"name":[{"family":"Chalmers"}]}""";

        var first = await H.Store.ConditionalCreateAsync(Write(indexer, json));
        var second = await H.Store.ConditionalCreateAsync(Write(indexer, json));

        Assert.Equal(WriteStatus.Created, first.Status);
        Assert.Equal(WriteStatus.Exists, second.Status);
        Assert.Equal([first.Version!.Id], await H.IdsAsync("Patient", "family=chalmers"));
    }

    [DatabaseFact]
    public async Task Conditional_criteria_match_by_identity_key_inside_a_transaction_and_by_search_otherwise()
    {
        var indexer = new SearchResourceIndexer(H.Indexer);
        var matcher = new FhirGateway.Search.Query.SearchConditionalMatcher(H.Search);
        await PutAsync(Patient("a", "Chalmers", "1974-12-25"), Patient("b", "Chalmers", "1980-01-01"));

        await using (var transaction = await H.Store.BeginTransactionAsync())
        {
            var created = await transaction.CreateAsync(Write(indexer, $$"""{"resourceType":"Patient","identifier":[{"system":"{{NhsNumber}}","value":"1"}]}"""));
            var match = await matcher.MatchAsync(transaction, "Patient", [new("identifier", NhsNumber + "|1")]);

            Assert.Equal([created.Version!.Id], match.Ids);
            Assert.Equal([$"Patient|identifier|{NhsNumber}|1"], match.IdentityKeys);
        }

        var byName = await matcher.MatchAsync(H.Store, "Patient", [new("family", "chalmers"), new("birthdate", "lt1975")]);
        var byId = await matcher.MatchAsync(H.Store, "Patient", [new("_id", "b")]);
        var mixed = await matcher.MatchAsync(H.Store, "Patient", [new("identifier", NhsNumber + "|1"), new("family", "x")]);
        var unknown = await matcher.MatchAsync(H.Store, "Patient", [new("nonsense", "1")]);
        var malformed = await matcher.MatchAsync(H.Store, "Patient", [new("birthdate", "yesterday")]);

        Assert.Equal(["a"], byName.Ids);
        Assert.Empty(byName.IdentityKeys);
        Assert.Equal(["b"], byId.Ids);
        Assert.Empty(mixed.Ids);
        Assert.Equal([$"Patient|identifier|{NhsNumber}|1"], mixed.IdentityKeys);
        Assert.Equal(("nonsense", false, false), (unknown.UnsupportedParameter, unknown.IsSupported, unknown.IsMalformed));
        Assert.StartsWith("birthdate", malformed.UnsupportedParameter, StringComparison.Ordinal);
        Assert.True(malformed.IsMalformed);
    }
}
