using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Model;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>
/// <c>_summary</c> and <c>_elements</c> on read and vread (https://hl7.org/fhir/R4/http.html#parameters,
/// search.html#summary): the subset is tagged SUBSETTED, <c>_summary=count</c> is refused, and a read without them is
/// the stored resource.
/// </summary>
public sealed class ReadSubsetTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    private const string Subsetted = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    // Patient.name and gender are summary elements; maritalStatus and contact are not; text is the narrative.
    private const string Patient = """
        {"resourceType":"Patient",
         "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Ada Subset</div>"},
         "name":[{"family":"Subset","given":["Ada"]}],"gender":"female",
         "maritalStatus":{"text":"Single"},
         "contact":[{"name":{"family":"Contact"}}]}
        """;

    [Fact]
    public async Task Summary_true_keeps_the_summary_elements_and_tags_the_resource()
    {
        using var client = gateway.CreateClient();
        var id = await CreateAsync(client);

        using var response = await client.GetAsync($"/fhir/Patient/{id}?_summary=true");

        var patient = await FhirResponse.ReadAsync(response, "Patient");
        Assert.Equal(id, patient.Value("id"));
        Assert.Equal("Subset", patient.Family());
        Assert.Equal("female", patient.Value("gender"));
        Assert.Null(patient.Child("maritalStatus"));
        Assert.Null(patient.Child("contact"));
        Assert.Null(patient.Child("text"));
        Assert.True(IsSubsetted(patient));
        Assert.Equal("W/\"1\"", response.ETag());
    }

    [Fact]
    public async Task Summary_text_and_data_and_elements_select_what_they_name()
    {
        using var client = gateway.CreateClient();
        var id = await CreateAsync(client);

        var text = await ReadAsync(client, $"/fhir/Patient/{id}?_summary=text");
        var data = await ReadAsync(client, $"/fhir/Patient/{id}?_summary=data");
        var elements = await ReadAsync(client, $"/fhir/Patient/{id}?_elements=maritalStatus,unknownElement");
        var xml = await ReadAsync(client, $"/fhir/Patient/{id}?_elements=gender&_format=xml", FhirResponse.XmlMediaType);

        Assert.NotNull(text.Child("text"));
        Assert.Null(text.Child("name"));
        Assert.Null(data.Child("text"));
        Assert.NotNull(data.Child("contact"));
        Assert.Equal("Single", elements.Value("maritalStatus.text"));
        Assert.Null(elements.Child("name"));
        Assert.Equal("female", xml.Value("gender"));
        Assert.Null(xml.Child("name"));
        Assert.All(new[] { text, data, elements, xml }, p => Assert.True(IsSubsetted(p)));
    }

    [Fact]
    public async Task Without_a_subset_the_read_is_the_stored_resource_and_summary_false_is_the_same()
    {
        using var client = gateway.CreateClient();
        var id = await CreateAsync(client);

        using var plain = await client.GetAsync($"/fhir/Patient/{id}");
        using var whole = await client.GetAsync($"/fhir/Patient/{id}?_summary=false");
        using var unknownOnly = await client.GetAsync($"/fhir/Patient/{id}?_elements=noSuchElement");

        var bytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes, await unknownOnly.Content.ReadAsByteArrayAsync());
        Assert.False(IsSubsetted(await FhirResponse.ReadAsync(plain, "Patient")));
    }

    [Fact]
    public async Task Vread_and_batch_reads_take_the_subset_too()
    {
        using var client = gateway.CreateClient();
        var id = await CreateAsync(client);

        var vread = await ReadAsync(client, $"/fhir/Patient/{id}/_history/1?_elements=gender");
        using var batch = await client.PostAsync("/fhir", TestFhir.Json(B.Of("batch", B.Entry("GET", $"Patient/{id}?_summary=true"), B.Entry("GET", $"Patient/{id}/_history/1?_summary=data"))));

        Assert.Null(vread.Child("name"));
        Assert.True(IsSubsetted(vread));
        var entries = (await FhirResponse.ReadAsync(batch, "Bundle")).Entries();
        Assert.Null(entries[0].Resource()!.Child("contact"));
        Assert.True(IsSubsetted(entries[0].Resource()!));
        Assert.Null(entries[1].Resource()!.Child("text"));
        Assert.NotNull(entries[1].Resource()!.Child("contact"));
        Assert.True(IsSubsetted(entries[1].Resource()!));
    }

    [Fact]
    public async Task Count_and_unknown_summary_values_are_400_and_strict_handling_refuses_unknown_elements()
    {
        using var client = gateway.CreateClient();
        var id = await CreateAsync(client);

        using var count = await client.GetAsync($"/fhir/Patient/{id}?_summary=count");
        using var unknown = await client.GetAsync($"/fhir/Patient/{id}?_summary=brief");
        using var strict = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}?_elements=noSuchElement", null, ("Prefer", "handling=strict"));

        await OutcomeAssert.IsOutcomeAsync(count, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(unknown, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(strict, 400, "invalid");
        using var unknownType = await client.GetAsync($"/fhir/NotAType/{id}?_summary=count");
        Assert.Equal(404, (int)unknownType.StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        using var created = await client.PostAsync("/fhir/Patient", TestFhir.Json(Patient));
        Assert.Equal(201, (int)created.StatusCode);
        return (await FhirResponse.ReadAsync(created, "Patient")).Value("id")!;
    }

    private static async Task<ElementNode> ReadAsync(HttpClient client, string url, string mediaType = FhirResponse.JsonMediaType)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        return await FhirResponse.ReadAsync(response, "Patient", mediaType);
    }

    private static bool IsSubsetted(ElementNode resource) =>
        resource.Child("meta") is { } meta && meta.ChildrenNamed("tag").Any(t => t.Value("system") == Subsetted && t.Value("code") == "SUBSETTED");
}
