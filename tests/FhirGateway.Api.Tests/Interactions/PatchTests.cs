using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>patch with JSON Patch (https://hl7.org/fhir/R4/http.html#patch, RFC 6902).</summary>
public sealed class PatchTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task A_json_patch_makes_the_next_version()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Before");

        using var response = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""
            [{"op":"test","path":"/name/0/family","value":"Before"},
             {"op":"replace","path":"/name/0/family","value":"After"},
             {"op":"add","path":"/name/0/given","value":["Ada"]},
             {"op":"add","path":"/name/0/given/-","value":"Lovelace"},
             {"op":"copy","from":"/name/0","path":"/name/-"},
             {"op":"move","from":"/name/1/given/1","path":"/name/1/given/0"},
             {"op":"add","path":"/gender","value":"female"},
             {"op":"remove","path":"/gender"}]
            """));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("W/\"2\"", response.ETag());
        using var json = await response.JsonAsync();
        var names = json.RootElement.GetProperty("name");
        Assert.Equal("After", names[0].GetProperty("family").GetString());
        Assert.Equal(["Ada", "Lovelace"], names[0].GetProperty("given").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["Lovelace", "Ada"], names[1].GetProperty("given").EnumerateArray().Select(g => g.GetString()));
        Assert.False(json.RootElement.TryGetProperty("gender", out _));
        Assert.Equal("2", json.RootElement.GetProperty("meta").GetProperty("versionId").GetString());
    }

    [Fact]
    public async Task Patches_that_cannot_apply_are_422_and_change_nothing()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Kept");

        using var test = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"replace","path":"/name/0/family","value":"X"},{"op":"test","path":"/name/0/family","value":"Y"}]"""));
        using var missing = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"remove","path":"/telecom"}]"""));
        using var invalid = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"add","path":"/gender","value":7}]"""));
        using var renamed = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"replace","path":"/id","value":"other"}]"""));
        using var retyped = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"replace","path":"/resourceType","value":"Person"}]"""));
        using var read = await client.GetAsync($"/fhir/Patient/{id}");

        await OutcomeAssert.IsOutcomeAsync(test, 422, "processing");
        await OutcomeAssert.IsOutcomeAsync(missing, 422, "processing");
        await OutcomeAssert.IsOutcomeAsync(invalid, 422, "structure");
        await OutcomeAssert.IsOutcomeAsync(renamed, 422, "processing");
        await OutcomeAssert.IsOutcomeAsync(retyped, 422, "processing");
        Assert.Equal("W/\"1\"", read.ETag());
    }

    [Fact]
    public async Task Malformed_patches_are_400_and_other_media_types_415()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Malformed");

        using var notArray = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""{"op":"remove","path":"/name"}"""));
        using var badOp = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"frobnicate","path":"/name"}]"""));
        using var noValue = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"add","path":"/gender"}]"""));
        using var badPointer = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.JsonPatch("""[{"op":"remove","path":"name"}]"""));
        using var fhirPath = await client.PatchAsync($"/fhir/Patient/{id}", TestFhir.Json("""{"resourceType":"Parameters"}"""));

        await OutcomeAssert.IsOutcomeAsync(notArray, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(badOp, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(noValue, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(badPointer, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(fhirPath, 415, "not-supported");
    }

    [Fact]
    public async Task Patch_honours_If_Match_and_answers_404_and_410()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Versioned");
        var gone = await client.CreatePatientAsync("Gone");
        await client.DeleteAsync($"/fhir/Patient/{gone}");
        var patch = """[{"op":"add","path":"/active","value":true}]""";

        using var stale = await client.SendAsync(HttpMethod.Patch, $"/fhir/Patient/{id}", TestFhir.JsonPatch(patch), ("If-Match", "W/\"9\""));
        using var current = await client.SendAsync(HttpMethod.Patch, $"/fhir/Patient/{id}", TestFhir.JsonPatch(patch), ("If-Match", "W/\"1\""));
        using var unknown = await client.PatchAsync("/fhir/Patient/unknown", TestFhir.JsonPatch(patch));
        using var deleted = await client.PatchAsync($"/fhir/Patient/{gone}", TestFhir.JsonPatch(patch));

        await OutcomeAssert.IsOutcomeAsync(stale, 412, "conflict");
        Assert.Equal(200, (int)current.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(unknown, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(deleted, 410, "deleted");
    }
}
