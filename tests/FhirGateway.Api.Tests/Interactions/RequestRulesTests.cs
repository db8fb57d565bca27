using System.Text;
using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace FhirGateway.Api.Tests.Interactions;

/// <summary>What every write checks: media types, size, the readers' issues, types and ids, validation.</summary>
public sealed class RequestRulesTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Unknown_resource_types_are_404()
    {
        using var client = gateway.CreateClient();

        using var read = await client.GetAsync("/fhir/Patients/1");
        using var create = await client.PostAsync("/fhir/Resource", TestFhir.Json("""{"resourceType":"Patient"}"""));
        using var history = await client.GetAsync("/fhir/DomainResource/_history");

        await OutcomeAssert.IsOutcomeAsync(read, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(create, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(history, 404, "not-found");
    }

    [Fact]
    public async Task Names_in_paths_are_case_sensitive()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Cased");

        using var read = await client.GetAsync($"/fhir/patient/{id}");
        using var put = await client.PutAsync("/fhir/PATIENT/cased-put", TestFhir.Json(TestFhir.Patient("Cased", id: "cased-put")));
        using var history = await client.GetAsync($"/fhir/Patient/{id}/_HISTORY");
        using var metadata = await client.GetAsync("/fhir/METADATA");
        using var exact = await client.GetAsync($"/fhir/Patient/{id}");
        using var notCreated = await client.GetAsync("/fhir/Patient/cased-put");

        await OutcomeAssert.IsOutcomeAsync(read, 404, "not-found");
        Assert.Contains("Accept", read.Headers.Vary);
        await OutcomeAssert.IsOutcomeAsync(put, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(history, 404, "not-found");
        await OutcomeAssert.IsOutcomeAsync(metadata, 404, "not-found");
        Assert.Equal(200, (int)exact.StatusCode);
        Assert.Equal(404, (int)notCreated.StatusCode);
    }

    [Fact]
    public async Task Bodies_in_other_media_types_are_415()
    {
        using var client = gateway.CreateClient();

        using var text = await client.PostAsync("/fhir/Patient", new StringContent("""{"resourceType":"Patient"}""", Encoding.UTF8, "text/plain"));
        using var form = await client.PostAsync("/fhir/Patient", new FormUrlEncodedContent([new("a", "b")]));
        using var stu3Body = new StringContent("""{"resourceType":"Patient"}""", Encoding.UTF8);
        stu3Body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/fhir+json; fhirVersion=3.0");
        using var stu3 = await client.PostAsync("/fhir/Patient", stu3Body);
        using var none = await client.PostAsync("/fhir/Patient", new ByteArrayContent(Encoding.UTF8.GetBytes("""{"resourceType":"Patient"}""")));

        await OutcomeAssert.IsOutcomeAsync(text, 415, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(form, 415, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(stu3, 415, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(none, 415, "not-supported");
    }

    [Fact]
    public async Task Xml_bodies_are_read_and_plain_json_media_types_accepted()
    {
        using var client = gateway.CreateClient();

        using var xml = await client.PostAsync("/fhir/Patient", TestFhir.Xml("""<Patient xmlns="http://hl7.org/fhir"><name><family value="Xml"/></name></Patient>"""));
        using var json = await client.PostAsync("/fhir/Patient", new StringContent(TestFhir.Patient("Json"), Encoding.UTF8, "application/json"));

        Assert.Equal("Xml", (await FhirResponse.ReadAsync(xml, "Patient")).Family());
        Assert.Equal(201, (int)json.StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_while_they_are_read()
    {
        using var limited = gateway.WithWebHostBuilder(b => b.UseSetting("Fhir:MaxRequestBodyBytes", "2048"));
        using var client = limited.CreateClient();
        var big = TestFhir.Patient(new string('x', 4096));

        using var declared = await client.PostAsync("/fhir/Patient", TestFhir.Json(big));
        using var chunked = await client.PostAsync("/fhir/Patient", new ChunkedContent(Encoding.UTF8.GetBytes(big), FhirResponse.JsonMediaType));
        using var small = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Small")));

        await OutcomeAssert.IsOutcomeAsync(declared, 413, "too-costly");
        await OutcomeAssert.IsOutcomeAsync(chunked, 413, "too-costly");
        Assert.Equal(201, (int)small.StatusCode);
    }

    [Fact]
    public async Task Compressed_bodies_are_read_by_their_content_encoding()
    {
        using var limited = gateway.WithWebHostBuilder(b => b.UseSetting("Fhir:MaxRequestBodyBytes", "4096"));
        using var client = limited.CreateClient();

        using var gzip = await client.PostAsync("/fhir/Patient", Encoded(TestFhir.Patient("Zipped"), "gzip"));
        using var brotli = await client.PostAsync("/fhir/Patient", Encoded(TestFhir.Patient("Brotli"), "br"));
        using var unknown = await client.PostAsync("/fhir/Patient", Encoded(TestFhir.Patient("Packed"), "compress"));
        var corrupt = TestFhir.Json(TestFhir.Patient("Corrupt"));
        corrupt.Headers.ContentEncoding.Add("gzip");
        using var notGzip = await client.PostAsync("/fhir/Patient", corrupt);
        var corruptBrotli = TestFhir.Json(TestFhir.Patient("Corrupt"));
        corruptBrotli.Headers.ContentEncoding.Add("br");
        using var notBrotli = await client.PostAsync("/fhir/Patient", corruptBrotli);

        // 200 kB of one letter compresses under the limit; the limit counts the resource's own bytes.
        using var bomb = await client.PostAsync("/fhir/Patient", Encoded(TestFhir.Patient(new string('x', 200_000)), "gzip"));

        var zipped = (await FhirResponse.ReadAsync(gzip, "Patient")).Value("id");
        using var search = await client.PostAsync("/fhir/Patient/_search", Encoded($"_id={zipped}", "gzip", "application/x-www-form-urlencoded"));
        var found = (await FhirResponse.ReadAsync(search, "Bundle")).Entries();
        Assert.Equal(zipped, Assert.Single(found).Resource()!.Value("id"));
        Assert.Equal("Brotli", (await FhirResponse.ReadAsync(brotli, "Patient")).Family());
        await OutcomeAssert.IsOutcomeAsync(unknown, 415, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(notGzip, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(notBrotli, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(bomb, 413, "too-costly");
    }

    private static ByteArrayContent Encoded(string json, string coding, string mediaType = FhirResponse.JsonMediaType)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = coding == "br"
            ? new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)
            : new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add(coding);
        return content;
    }

    [Fact]
    public async Task Unreadable_bodies_are_400_with_every_issue_the_reader_found()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/fhir/Patient", TestFhir.Json("""{"resourceType":"Patient","gender":12,"birthDate":"yesterday","colour":"blue"}"""));

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 400, "structure");
        var codes = outcome.ChildrenNamed("issue").Select(i => i.Value("details.coding.code")).ToList();
        Assert.Equal(3, codes.Count);
        Assert.Contains("unknown-element", codes);
        Assert.All(outcome.ChildrenNamed("issue"), i => Assert.StartsWith("Request body: ", i.Value("diagnostics"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_string_XML_cannot_carry_is_400_and_nothing_is_stored()
    {
        using var client = gateway.CreateClient();
        var system = "https://example.org/control-" + Guid.NewGuid().ToString("N");
        var body = $$$"""{"resourceType":"Patient","identifier":[{"system":"{{{system}}}","value":"1"}],"name":[{"family":"a\u0000b"}]}""";

        using var json = await client.PostAsync("/fhir/Patient", TestFhir.Json(body));
        using var asXml = await client.PostAsync("/fhir/Patient?_format=xml", TestFhir.Json(body));
        using var found = await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString(system)}|1&_summary=count");

        var outcome = await OutcomeAssert.IsOutcomeAsync(json, 400, "value");
        Assert.Equal("Patient.name[0].family", outcome.Value("issue.expression"));
        await OutcomeAssert.IsOutcomeAsync(asXml, 400, "value", FhirResponse.XmlMediaType);
        Assert.Equal("0", (await FhirResponse.ReadAsync(found, "Bundle")).Value("total"));
    }

    [Fact]
    public async Task Type_and_id_rules_are_400()
    {
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Rules");

        using var wrongType = await client.PostAsync("/fhir/Patient", TestFhir.Json("""{"resourceType":"Observation","status":"final","code":{"text":"x"}}"""));
        using var noId = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("NoId")));
        using var otherId = await client.PutAsync($"/fhir/Patient/{id}", TestFhir.Json(TestFhir.Patient("Other", id: "other")));
        using var badId = await client.PutAsync("/fhir/Patient/bad_id", TestFhir.Json(TestFhir.Patient("Bad", id: "bad_id")));
        using var wrongUpdateType = await client.PutAsync($"/fhir/Observation/{id}", TestFhir.Json(TestFhir.Patient("X", id: id)));

        await OutcomeAssert.IsOutcomeAsync(wrongType, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(noId, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(otherId, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(badId, 400, "invalid");
        await OutcomeAssert.IsOutcomeAsync(wrongUpdateType, 400, "invalid");
    }

    [Fact]
    public async Task Resources_the_validator_rejects_are_422_with_its_issues()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/fhir/Observation", TestFhir.Json("""{"resourceType":"Observation","code":{"text":"no status"}}"""));

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 422, "required");
        Assert.Equal("cardinality-min", outcome.Value("issue.details.coding.code"));
        Assert.Contains("Observation.status", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_a_path_does_not_support_are_405_with_Allow()
    {
        using var client = gateway.CreateClient();

        using var post = await client.PostAsync("/fhir/Patient/1", TestFhir.Json(TestFhir.Patient("X")));
        using var search = await client.GetAsync("/fhir/_search");
        using var history = await client.DeleteAsync("/fhir/Patient/_history");
        using var postHistory = await client.PostAsync("/fhir/Patient/_history", TestFhir.Json(TestFhir.Patient("X")));

        await OutcomeAssert.IsOutcomeAsync(post, 405, "not-supported");
        Assert.Equal(["DELETE", "GET", "HEAD", "PATCH", "PUT"], post.Content.Headers.Allow.Order());
        await OutcomeAssert.IsOutcomeAsync(search, 405, "not-supported");
        Assert.Equal(["POST"], search.Content.Headers.Allow.Order());

        // Allow names what the path has once route constraints are checked: type history, not the id routes; and a
        // path that only another method has is 405 even where a constrained route refused it.
        await OutcomeAssert.IsOutcomeAsync(postHistory, 405, "not-supported");
        Assert.Equal(["GET", "HEAD"], postHistory.Content.Headers.Allow.Order());
        using var getSearch = await client.GetAsync("/fhir/Patient/_search");
        using var getValidate = await client.GetAsync("/fhir/Patient/$validate");
        using var putHistory = await client.PutAsync("/fhir/Patient/_history", TestFhir.Json(TestFhir.Patient("X")));
        using var lowerCase = await client.PostAsync("/fhir/patient/1", TestFhir.Json(TestFhir.Patient("X")));
        await OutcomeAssert.IsOutcomeAsync(getSearch, 405, "not-supported");
        Assert.Equal(["POST"], getSearch.Content.Headers.Allow);
        await OutcomeAssert.IsOutcomeAsync(getValidate, 405, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(putHistory, 405, "not-supported");
        await OutcomeAssert.IsOutcomeAsync(lowerCase, 404, "not-found");

        // No FHIR id starts with '_': the path is the type's history, which only GET (and HEAD) read.
        await OutcomeAssert.IsOutcomeAsync(history, 405, "not-supported");
        Assert.Equal(["GET", "HEAD"], history.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_path_naming_no_resource_type_is_404_saying_so()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/fhir/Patients/1");

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 404, "not-found");
        Assert.Equal("'Patients' is not a FHIR R4 resource type.", outcome.Value("issue.diagnostics"));
    }

    /// <summary>A body sent without a Content-Length, so the limit can only be found while reading.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < _bytes.Length; i += 512)
            {
                await stream.WriteAsync(_bytes.AsMemory(i, Math.Min(512, _bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
