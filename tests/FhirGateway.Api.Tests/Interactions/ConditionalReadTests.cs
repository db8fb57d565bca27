using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>Conditional reads and the response formats of stored resources (https://hl7.org/fhir/R4/http.html#cread).</summary>
public sealed class ConditionalReadTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task If_None_Match_with_the_current_ETag_is_304()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Cached");

        using var same = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "W/\"1\""));
        using var any = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "*"));
        using var other = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "W/\"7\""));
        using var bad = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "version one"));

        // A list of entity tags (RFC 9110 section 13.1.2): one of ours matching is enough; others never match.
        using var listed = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "\"xyz\", W/\"1\""));
        using var foreign = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-None-Match", "\"xyz\", W/\"abc\""));

        Assert.Equal(304, (int)same.StatusCode);
        Assert.Equal("W/\"1\"", same.ETag());
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(304, (int)any.StatusCode);
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(304, (int)listed.StatusCode);
        Assert.Equal(200, (int)foreign.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(bad, 400, "invalid");
    }

    [Fact]
    public async Task If_Modified_Since_is_304_unless_the_resource_changed_after()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Dated");
        using var first = await client.GetAsync($"/fhir/Patient/{id}");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var same = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-Modified-Since", lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        using var earlier = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-Modified-Since", lastModified.AddSeconds(-1).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        // RFC 9110 section 5.6.7: the obsolete RFC 850 and asctime forms are HTTP dates too; section 13.1.3: an
        // invalid date is ignored, so the read answers as if the header were absent.
        var utc = lastModified.UtcDateTime;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        using var rfc850 = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-Modified-Since", utc.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", invariant)));
        using var asctime = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-Modified-Since", utc.ToString("ddd MMM ", invariant) + utc.Day.ToString(invariant).PadLeft(2) + utc.ToString(" HH:mm:ss yyyy", invariant)));
        using var garbage = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("If-Modified-Since", "garbage"));

        Assert.Equal(304, (int)same.StatusCode);
        Assert.Equal(200, (int)earlier.StatusCode);
        Assert.Equal(304, (int)rfc850.StatusCode);
        Assert.Equal(304, (int)asctime.StatusCode);
        Assert.Equal(200, (int)garbage.StatusCode);
    }

    [Fact]
    public async Task HEAD_answers_what_GET_would_without_the_content()
    {
        // Over a real socket: the server drops a HEAD response's content (the in-memory test server would not).
        using var server = LoopbackServer.Start(gateway);
        using var client = server.CreateClient();
        var id = await client.CreatePatientAsync("Headed");

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/fhir/Patient/{id}"));
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/fhir/Patient/no-such-patient"));
        using var search = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/fhir/Patient?_id={id}"));
        using var metadata = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/fhir/metadata"));

        // RFC 9110 section 9.3.2: the status and headers of a GET, and no content.
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("W/\"1\"", head.ETag());
        Assert.Equal(FhirResponse.JsonMediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", head.Headers.Vary);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync());
        Assert.Equal(200, (int)search.StatusCode);
        Assert.Equal(200, (int)metadata.StatusCode);
        Assert.Empty(await metadata.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Stored_resources_are_served_as_xml_and_pretty_json_when_asked()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Formats");

        using var compact = await client.GetAsync($"/fhir/Patient/{id}");
        using var pretty = await client.GetAsync($"/fhir/Patient/{id}?_pretty=true");
        using var xml = await client.GetAsync($"/fhir/Patient/{id}?_format=xml");
        using var accept = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("Accept", "application/fhir+xml"));
        using var refused = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("Accept", "text/html"));

        var compactPatient = await FhirResponse.ReadAsync(compact, "Patient");
        var prettyText = await pretty.Content.ReadAsStringAsync();
        Assert.Contains("\n  \"id\": ", prettyText.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(compactPatient.IsExactly(await FhirResponse.ReadAsync(pretty, "Patient")));
        Assert.True(compactPatient.IsExactly(await FhirResponse.ReadAsync(xml, "Patient", FhirResponse.XmlMediaType)));
        Assert.True(compactPatient.IsExactly(await FhirResponse.ReadAsync(accept, "Patient", FhirResponse.XmlMediaType)));
        await OutcomeAssert.IsOutcomeAsync(refused, 406, "not-supported");
    }

    [Fact]
    public async Task Pretty_json_of_a_stored_resource_is_what_the_writer_indents()
    {
        using var client = gateway.CreateClient();
        using var create = await client.PostAsync("/fhir/Observation", TestFhir.Json("""
            {"resourceType":"Observation","status":"final","code":{"text":"naïve <b> & \"quoted\""},"valueQuantity":{"value":1.50,"unit":"kg"}}
            """));
        var id = (await FhirResponse.ReadAsync(create, "Observation")).Value("id");

        var pretty = await client.GetStringAsync($"/fhir/Observation/{id}?_pretty=true");
        var compact = await client.GetByteArrayAsync($"/fhir/Observation/{id}");

        var expected = FhirGateway.Fhir.Serialization.FhirJsonWriter.SerializeToString(FhirGateway.Fhir.Serialization.FhirJsonReader.Parse(compact).Resource!, pretty: true);
        Assert.Equal(expected, pretty);
        Assert.Contains("1.50", pretty, StringComparison.Ordinal);
    }
}
