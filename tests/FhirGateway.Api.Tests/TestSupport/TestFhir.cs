using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>Request helpers for the interaction tests.</summary>
internal static class TestFhir
{
    public const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>A FHIR JSON body.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, FhirResponse.JsonMediaType);

    /// <summary>A FHIR XML body.</summary>
    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, FhirResponse.XmlMediaType);

    /// <summary>A Patient, with an NHS number when given, and an id when given.</summary>
    public static string Patient(string family, string? nhsNumber = null, string? id = null) =>
        "{\"resourceType\":\"Patient\"" +
        (id is null ? string.Empty : $",\"id\":\"{id}\"") +
        (nhsNumber is null ? string.Empty : $",\"identifier\":[{{\"system\":\"{NhsNumber}\",\"value\":\"{nhsNumber}\"}}]") +
        $",\"name\":[{{\"family\":\"{family}\"}}]}}";

    public static HttpRequestMessage Request(HttpMethod method, string url, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, HttpContent? content = null, params (string Name, string Value)[] headers) =>
        client.SendAsync(Request(method, url, content, headers));

    /// <summary>Creates a Patient and returns its id.</summary>
    public static async Task<string> CreatePatientAsync(this HttpClient client, string family, string? nhsNumber = null)
    {
        using var response = await client.PostAsync("/fhir/Patient", Json(Patient(family, nhsNumber)));
        Assert.Equal(201, (int)response.StatusCode);
        return (await FhirResponse.ReadAsync(response, "Patient")).Value("id")!;
    }

    /// <summary>The weak ETag of a response.</summary>
    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    /// <summary>A JSON Patch body.</summary>
    public static StringContent JsonPatch(string json) => new(json, Encoding.UTF8, "application/json-patch+json");

    /// <summary>Reads a JSON body as a document, for assertions on its raw shape.</summary>
    public static async Task<JsonDocument> JsonAsync(this HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

    /// <summary>The family name of a Patient tree.</summary>
    public static string? Family(this ElementNode patient) => patient.Value("name.family");

    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);
}
