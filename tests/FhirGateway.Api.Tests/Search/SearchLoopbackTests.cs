using System.IO.Compression;
using System.Net;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Tests.Search;

/// <summary>Search on the real host on Kestrel over a loopback socket: the Bundle streamed into the body, plain and gzip, and links on the socket's base.</summary>
public sealed class SearchLoopbackTests
{
    [Fact]
    public async Task Kestrel_streams_searchsets_plain_and_gzip_with_links_on_its_own_base()
    {
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway);
        var address = server.Address.GetLeftPart(UriPartial.Authority);
        using var client = server.CreateClient();
        var nhs = NhsNumbers.Next();
        var patient = await client.CreateAsync("Patient", SearchTestData.Patient("Loop", nhs));
        for (var i = 0; i < 3; i++)
        {
            await client.CreateAsync("Observation", SearchTestData.Observation(patient, "loop"));
        }

        using var plain = await client.GetAsync($"/fhir/Observation?subject=Patient/{patient}&code={Uri.EscapeDataString(SearchTestData.CodeSystem + "|loop")}&_count=2");
        using var gzipRequest = TestFhir.Request(HttpMethod.Get, $"/fhir/Patient?identifier={Uri.EscapeDataString(TestFhir.NhsNumber + "|" + nhs)}", null, ("Accept-Encoding", "gzip"));
        using var gzip = await client.SendAsync(gzipRequest);

        var page = await SearchTestData.ReadSearchSetAsync(plain);
        Assert.Equal(2, page.Entries("match").Count);
        var next = page.Link("next")!;
        Assert.StartsWith($"{address}/fhir/Observation?", next, StringComparison.Ordinal);
        var last = await SearchTestData.ReadSearchSetAsync(await client.GetAsync(new Uri(next)));
        Assert.Single(last.Entries("match"));

        Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        await using var stream = new GZipStream(await gzip.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var bundle = FhirJsonReader.Parse(buffer.ToArray());
        Assert.True(bundle.Success);
        Assert.Equal([$"Patient/{patient}"], bundle.Resource!.Entries("match"));
    }
}
