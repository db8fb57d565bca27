using FhirGateway.Fhir.Serialization;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Tests.Indexing;

/// <summary>The fingerprint of the indexable definitions (docs/search.md#reindexing).</summary>
public sealed class IndexFingerprintTests
{
    private const string LocalAuthority =
        """{"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/patient-local-authority","name":"LocalAuthority","status":"active","description":"x","code":"local-authority","base":["Patient"],"type":"token","expression":"Patient.address.district"}""";

    [Fact]
    public void Equal_definitions_have_equal_fingerprints_whatever_the_loading_order()
    {
        var one = IndexFingerprint.Of(Registry(), []);
        var two = IndexFingerprint.Of(Registry(), []);

        Assert.Equal(one, two);
        Assert.Matches("^v" + IndexFingerprint.ExtractionVersion + "-[0-9a-f]{32}$", one);
        Assert.Equal(IndexFingerprint.Of(Registry(LocalAuthority, Birthdate("Patient.birthDate")), []), IndexFingerprint.Of(Registry(Birthdate("Patient.birthDate"), LocalAuthority), []));
    }

    [Fact]
    public void An_added_or_changed_parameter_or_base_url_changes_the_fingerprint()
    {
        var official = IndexFingerprint.Of(Registry(), []);

        Assert.NotEqual(official, IndexFingerprint.Of(Registry(LocalAuthority), []));
        Assert.NotEqual(IndexFingerprint.Of(Registry(Birthdate("Patient.birthDate")), []), IndexFingerprint.Of(Registry(Birthdate("Patient.birthDate.first()")), []));
        Assert.NotEqual(official, IndexFingerprint.Of(Registry(), ["https://gateway.example.org/fhir"]));
        Assert.Equal(IndexFingerprint.Of(Registry(), ["https://gateway.example.org/fhir/"]), IndexFingerprint.Of(Registry(), ["https://gateway.example.org/fhir"]));
    }

    [Fact]
    public void The_indexer_and_its_writes_carry_the_fingerprint()
    {
        var registry = Registry(LocalAuthority);
        var indexer = new SearchIndexer(registry);
        var resource = FhirJsonReader.Parse("""{"resourceType":"Patient"}""").Resource!;

        Assert.Equal(IndexFingerprint.Of(registry, []), indexer.Fingerprint);
        Assert.Equal(indexer.Fingerprint, new SearchResourceIndexer(indexer).Fingerprint);
        Assert.Equal(indexer.Fingerprint, indexer.PrepareWrite(resource).IndexFingerprint);
    }

    private static string Birthdate(string expression) =>
        $$"""{"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/patient-birthdate","name":"B","status":"active","description":"x","code":"birthdate","base":["Patient"],"type":"date","expression":"{{expression}}"}""";

    private static SearchParameterRegistry Registry(params string[] parameters)
    {
        var registry = SearchParameterRegistry.Create(
            parameters.Select((p, i) => new SearchParameterSource(FhirJsonReader.Parse(p).Resource!, $"test{i}.json")), out var issues);
        Assert.DoesNotContain(issues, i => i.IsError);
        return registry;
    }
}
