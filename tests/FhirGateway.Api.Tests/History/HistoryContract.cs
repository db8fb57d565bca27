using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.History;

/// <summary>History of an instance, a type and the system, with paging, _since and _count (https://hl7.org/fhir/R4/http.html#history).</summary>
public abstract class HistoryContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task Instance_history_lists_every_version_newest_first_with_request_and_response()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("V1");
        await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("V2", id: id)));
        using var patch = new StringContent("""[{"op":"add","path":"/active","value":true}]""", System.Text.Encoding.UTF8, "application/json-patch+json");
        (await client.PatchAsync($"/fhir/Patient/{id}", patch)).Dispose();
        await client.DeleteAsync($"/fhir/Patient/{id}");
        using var recreated = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("V5", id: id)));
        Assert.Equal(201, (int)recreated.StatusCode);

        using var response = await client.GetAsync($"/fhir/Patient/{id}/_history");

        // Each version records the request that made it and the status it was answered with.
        var bundle = await FhirResponse.ReadAsync(response, "Bundle");
        Assert.Equal("history", bundle.Value("type"));
        var entries = bundle.Entries().Skip(1).ToList();
        Assert.Equal(["PUT", "DELETE", "PATCH", "PUT", "POST"], bundle.Entries().Select(e => e.Value("request.method")));
        Assert.Equal(["201 Created", "204 No Content", "200 OK", "200 OK", "201 Created"], bundle.Entries().Select(e => e.Status()));
        Assert.Equal([$"Patient/{id}", $"Patient/{id}", $"Patient/{id}", "Patient"], entries.Select(e => e.Value("request.url")));
        Assert.Equal(["W/\"4\"", "W/\"3\"", "W/\"2\"", "W/\"1\""], entries.Select(e => e.Value("response.etag")));
        Assert.Null(entries[0].Resource());
        Assert.Equal("true", entries[1].Resource()!.Value("active"));
        Assert.Equal("V2", entries[2].Resource()!.Family());
        Assert.All(entries, e => Assert.Equal($"http://localhost/fhir/Patient/{id}", e.Value("fullUrl")));
        Assert.Equal($"http://localhost/fhir/Patient/{id}/_history", bundle.Link("self"));
        Assert.Null(bundle.Link("next"));
    }

    [DatabaseFact]
    public async Task Pages_follow_next_links_until_every_version_is_listed()
    {
        using var client = gateway.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var create = await client.PostAsync("/fhir/Organization", TestFhir.Json("""{"resourceType":"Organization","name":"Centre"}"""));
            ids.Add((await FhirResponse.ReadAsync(create, "Organization")).Value("id")!);
        }

        var seen = new List<string>();
        var url = "/fhir/Organization/_history?_count=2";
        var pages = 0;
        while (url is not null)
        {
            using var page = await client.GetAsync(url);
            var bundle = await FhirResponse.ReadAsync(page, "Bundle");
            seen.AddRange(bundle.Entries().Select(e => e.Resource()!.Value("id")!));
            url = bundle.Link("next") is { } next ? new Uri(next).PathAndQuery : null;
            Assert.True(++pages <= 3, "paging does not end");
            if (url is not null)
            {
                Assert.Contains("_count=2", url, StringComparison.Ordinal);
                Assert.Contains("_cursor=", url, StringComparison.Ordinal);
            }
        }

        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [DatabaseFact]
    public async Task Since_leaves_out_older_versions_and_system_history_spans_types()
    {
        using var client = gateway.CreateClient();
        var before = await client.CreatePatientAsync("Before");
        await Task.Delay(1100);
        using var probe = await client.GetAsync($"/fhir/Patient/{before}");
        var since = probe.Content.Headers.LastModified!.Value.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(1100);
        var after = await client.CreatePatientAsync("After");
        using var observation = await client.PostAsync("/fhir/Observation", TestFhir.Json("""{"resourceType":"Observation","status":"final","code":{"text":"x"}}"""));

        using var type = await client.GetAsync($"/fhir/Patient/_history?_since={since}");
        using var system = await client.GetAsync($"/fhir/_history?_since={since}");

        var typeIds = (await FhirResponse.ReadAsync(type, "Bundle")).Entries().Select(e => e.Resource()!.Value("id")).ToList();
        Assert.Contains(after, typeIds);
        Assert.DoesNotContain(before, typeIds);
        var types = (await FhirResponse.ReadAsync(system, "Bundle")).Entries().Select(e => e.Resource()!.Type.Name).ToHashSet();
        Assert.Equal(["Observation", "Patient"], types.Order());
    }

    [DatabaseFact]
    public async Task Bad_parameters_are_400_and_unknown_instances_404()
    {
        using var client = gateway.CreateClient();

        using var count = await client.GetAsync("/fhir/_history?_count=-1");
        using var since = await client.GetAsync("/fhir/_history?_since=last-tuesday");
        using var cursor = await client.GetAsync("/fhir/_history?_cursor=abc");
        using var at = await client.GetAsync("/fhir/_history?_at=2020");
        using var strict = await client.SendAsync(HttpMethod.Get, "/fhir/_history?colour=blue", null, ("Prefer", "handling=strict"));
        using var lenient = await client.GetAsync("/fhir/_history?colour=blue");
        using var unknown = await client.GetAsync("/fhir/Patient/never-seen/_history");

        await OutcomeAssert.IsOutcomeAsync(count, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(since, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(cursor, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(at, 400, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(strict, 400, "not-supported");
        Assert.Equal(200, (int)lenient.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(unknown, 404, "not-found");
    }

    [DatabaseFact]
    public async Task History_is_served_as_xml()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Xml");

        using var response = await client.GetAsync($"/fhir/Patient/{id}/_history?_format=xml");

        var bundle = await FhirResponse.ReadAsync(response, "Bundle", FhirResponse.XmlMediaType);
        Assert.Equal("Xml", Assert.Single(bundle.Entries()).Resource()!.Family());
    }
}

/// <summary><see cref="HistoryContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteHistoryTests(SqliteGateway gateway) : HistoryContract<SqliteGateway>(gateway);

/// <summary><see cref="HistoryContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresHistoryTests(PostgresGateway gateway) : HistoryContract<PostgresGateway>(gateway);
