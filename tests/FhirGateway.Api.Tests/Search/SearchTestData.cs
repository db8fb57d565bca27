using System.Text.Json;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Tests.Search;

/// <summary>Resources and reading helpers for the search tests. Each test makes values of its own, so tests sharing a database never see each other's.</summary>
internal static class SearchTestData
{
    public const string CodeSystem = "https://codes.example.org/test";

    /// <summary>A family name no other test uses (letters only, so string search folds it predictably).</summary>
    public static string UniqueFamily() => "Fam" + new string(Guid.NewGuid().ToString("N")[..12].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).ToArray());

    public static string UniqueCode() => "c" + Guid.NewGuid().ToString("N")[..12];

    public static string Patient(string family, string? nhsNumber = null, string? birthDate = null) =>
        "{\"resourceType\":\"Patient\"" +
        (nhsNumber is null ? string.Empty : $",\"identifier\":[{{\"system\":\"{TestFhir.NhsNumber}\",\"value\":\"{nhsNumber}\"}}]") +
        $",\"name\":[{{\"family\":\"{family}\",\"given\":[\"Ann\"]}}]" +
        (birthDate is null ? string.Empty : $",\"birthDate\":\"{birthDate}\"") +
        ",\"gender\":\"female\"}";

    public static string Observation(string patientId, string code) =>
        $$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"{{{CodeSystem}}}","code":"{{{code}}}"}]},"subject":{"reference":"Patient/{{{patientId}}}"},"valueQuantity":{"value":5,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}""";

    public static async Task<string> CreateAsync(this HttpClient client, string type, string json)
    {
        using var response = await client.PostAsync($"/fhir/{type}", TestFhir.Json(json));
        Assert.Equal(201, (int)response.StatusCode);
        return (await FhirResponse.ReadAsync(response, type)).Value("id")!;
    }

    /// <summary>GET a search and read its searchset Bundle.</summary>
    public static async Task<ElementNode> SearchAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await ReadSearchSetAsync(response);
    }

    public static async Task<ElementNode> ReadSearchSetAsync(HttpResponseMessage response, string mediaType = FhirResponse.JsonMediaType)
    {
        Assert.True(200 == (int)response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var bundle = await FhirResponse.ReadAsync(response, "Bundle", mediaType);
        Assert.Equal("searchset", bundle.Value("type"));
        return bundle;
    }

    /// <summary>"Type/id" of the entries with a search mode.</summary>
    public static List<string> Entries(this ElementNode bundle, string mode) =>
        bundle.ChildrenNamed("entry")
            .Where(e => e.Value("search.mode") == mode)
            .Select(e => $"{e.Resource()!.Type.Name}/{e.Resource()!.Value("id")}")
            .ToList();

    /// <summary>The path and query of a link, for following it with the test client.</summary>
    public static string Relative(string url)
    {
        Assert.StartsWith("http://localhost/fhir", url, StringComparison.Ordinal);
        return new Uri(url).PathAndQuery;
    }

    public static async Task<JsonElement> RawAsync(HttpResponseMessage response)
    {
        using var document = await response.JsonAsync();
        return document.RootElement.Clone();
    }
}
