using System.Text.Json;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#summary, #elements, #errors and the searchset Bundle
public abstract partial class SearchContract
{
    private const string Narrative = ""","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Peter</div>"}""";

    [DatabaseFact]
    public async Task Summary_and_elements_subset_the_matches_and_tag_them()
    {
        await PutAsync(Patient("a", "Chalmers", "1974-12-25", "male", extra: Narrative + ""","maritalStatus":{"text":"Married"}"""));

        var summary = Resource(await H.SearchAsync("Patient", "_summary=true"));
        var data = Resource(await H.SearchAsync("Patient", "_summary=data"));
        var text = Resource(await H.SearchAsync("Patient", "_summary=text"));
        var elements = Resource(await H.SearchAsync("Patient", "_elements=birthDate,gender"));

        Assert.True(summary.TryGetProperty("name", out _));
        Assert.False(summary.TryGetProperty("text", out _));
        Assert.False(summary.TryGetProperty("maritalStatus", out _));
        Assert.False(data.TryGetProperty("text", out _));
        Assert.True(data.TryGetProperty("maritalStatus", out _));
        Assert.True(text.TryGetProperty("text", out _));
        Assert.False(text.TryGetProperty("name", out _));
        Assert.Equal(["resourceType", "id", "meta", "gender", "birthDate"], elements.EnumerateObject().Select(p => p.Name));
        foreach (var subset in new[] { summary, data, text, elements })
        {
            Assert.Contains(subset.GetProperty("meta").GetProperty("tag").EnumerateArray(), t => t.GetProperty("code").GetString() == "SUBSETTED");
        }
    }

    [DatabaseFact]
    public async Task Unknown_parameters_are_ignored_reported_and_left_out_of_the_links()
    {
        await PutAsync(Patient("a", "Chalmers"), Patient("b", "Windsor"));

        var outcome = await H.SearchAsync("Patient", "nonsense=1&family=chal&gender:in=http://x&_text=x");
        using var bundle = JsonDocument.Parse(outcome.ToBundleJson(SearchHarness.BaseUrl));
        var entries = bundle.RootElement.GetProperty("entry").EnumerateArray().ToList();

        Assert.True(outcome.IsValid);
        Assert.Equal(["a"], outcome.Matches.Select(m => m.Id));
        Assert.Equal(["unknown-parameter", "unsupported-modifier", "unsupported-parameter"], outcome.Issues.Select(i => i.Code));
        Assert.Equal("outcome", entries[0].GetProperty("search").GetProperty("mode").GetString());
        Assert.Equal(3, entries[0].GetProperty("resource").GetProperty("issue").GetArrayLength());
        Assert.Equal("match", entries[1].GetProperty("search").GetProperty("mode").GetString());
        Assert.Equal(SearchHarness.BaseUrl + "/Patient?family=chal&_count=50", bundle.RootElement.GetProperty("link")[0].GetProperty("url").GetString());
    }

    [DatabaseFact]
    public async Task Strict_handling_refuses_unknown_parameters()
    {
        var strict = new SearchOptions { BaseUrl = SearchHarness.BaseUrl, Strict = true };

        var outcome = await H.SearchAsync("Patient", "nonsense=1&family=chal", strict);
        var fine = await H.SearchAsync("Patient", "family=chal&_count=5", strict);
        var operationOutcome = FhirJsonWriter.SerializeToString(outcome.ToOperationOutcome());

        Assert.False(outcome.IsValid);
        Assert.True(fine.IsValid);
        Assert.Contains("\"severity\":\"error\"", operationOutcome, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"unknown-parameter\"", operationOutcome, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => outcome.ToBundle(SearchHarness.BaseUrl));
    }

    [DatabaseFact]
    public async Task The_bundle_as_a_tree_and_as_JSON_agree()
    {
        await PutFamiliesAsync();

        var outcome = await H.SearchAsync("Observation", "code=8302-2&_count=2&_include=Observation:subject&_total=accurate&bogus=1");
        var tree = JsonDocument.Parse(FhirJsonWriter.SerializeToUtf8(outcome.ToBundle(SearchHarness.BaseUrl))).RootElement;
        var json = JsonDocument.Parse(outcome.ToBundleJson(SearchHarness.BaseUrl)).RootElement;

        Assert.Equal("searchset", json.GetProperty("type").GetString());
        Assert.Equal(3, json.GetProperty("total").GetInt32());
        Assert.Equal(["self", "next"], json.GetProperty("link").EnumerateArray().Select(l => l.GetProperty("relation").GetString()));
        Assert.StartsWith(
            SearchHarness.BaseUrl + "/Observation?code=8302-2&_include=Observation:subject&_total=accurate&_count=2&_cursor=n",
            json.GetProperty("link")[1].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["outcome", "match", "match", "include", "include"],
            json.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("search").GetProperty("mode").GetString()));
        Assert.Equal(SearchHarness.BaseUrl + "/Observation/o1", json.GetProperty("entry")[1].GetProperty("fullUrl").GetString());
        Assert.Equal(Without(json, "id", "fullUrl"), Without(tree, "id", "fullUrl"));
    }

    [DatabaseFact]
    public async Task System_search_with_type_and_tags()
    {
        const string tagged = ""","meta":{"tag":[{"system":"urn:tags","code":"early-years"}],"security":[{"system":"urn:sec","code":"R"}],"profile":["http://example.org/StructureDefinition/child"]}""";
        await PutAsync(Patient("a", "A", extra: tagged), Patient("b", "B"), Observation("o", "1", "Patient/a", extra: tagged));

        Assert.Equal(["a", "o"], (await H.IdsAsync(null, "_tag=urn:tags|early-years")).Order(StringComparer.Ordinal));
        Assert.Equal(["a"], await H.IdsAsync(null, "_tag=early-years&_type=Patient"));
        Assert.Equal(["a"], await H.IdsAsync("Patient", "_security=urn:sec|R"));
        Assert.Equal(["a"], await H.IdsAsync("Patient", "_profile=http://example.org/StructureDefinition/child"));
        Assert.Equal(["a", "b", "o"], (await H.IdsAsync(null, "_type=Patient,Observation")).Order(StringComparer.Ordinal));
    }

    private static JsonElement Resource(SearchOutcome outcome)
    {
        Assert.True(outcome.IsValid, string.Join("; ", outcome.Issues));
        var bundle = JsonDocument.Parse(outcome.ToBundleJson(SearchHarness.BaseUrl)).RootElement;
        return bundle.GetProperty("entry").EnumerateArray().Single(e => e.GetProperty("search").GetProperty("mode").GetString() == "match").GetProperty("resource").Clone();
    }

    /// <summary>The JSON text with the named properties removed at every level (they differ by design: random ids).</summary>
    private static string Without(JsonElement element, params string[] names)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(element, writer, names);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, string[] names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().Where(p => !names.Contains(p.Name)))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer, names);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer, names);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
