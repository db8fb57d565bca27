using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Hosting;

/// <summary>The real host on Kestrel, on a free loopback port, called over a real socket.</summary>
public sealed class LoopbackHostTests
{
    [Fact]
    public async Task Kestrel_on_loopback_serves_metadata_and_health()
    {
        // The Kestrel endpoint from appsettings.json, moved to a port the system chooses.
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway);
        var baseUri = server.Address;
        Assert.Equal("127.0.0.1", baseUri.Host);
        Assert.NotEqual(0, baseUri.Port);

        using var client = new HttpClient { BaseAddress = baseUri };
        using var metadata = await client.GetAsync("/fhir/metadata");
        using var health = await client.GetAsync("/healthz");
        using var missing = await client.GetAsync("/fhir/nothing-here");

        var statement = await FhirResponse.ReadAsync(metadata, "CapabilityStatement");
        Assert.Equal($"http://127.0.0.1:{baseUri.Port}/fhir", statement.Value("implementation.url"));
        Assert.Equal(200, (int)health.StatusCode);
        await OutcomeAssert.IsOutcomeAsync(missing, 404, "not-found");
    }

    [Fact]
    public async Task Kestrel_on_loopback_writes_reads_compresses_and_stops_large_bodies_while_reading()
    {
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway, ("Fhir:MaxRequestBodyBytes", "65536"));
        var address = server.Address.GetLeftPart(UriPartial.Authority);
        using var client = server.CreateClient();

        using var create = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Loopback")));
        var id = (await FhirResponse.ReadAsync(create, "Patient")).Value("id");
        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        using var gzip = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", null, ("Accept-Encoding", "gzip"));
        using var oversized = new StreamContent(new EndlessJson());
        oversized.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FhirResponse.JsonMediaType);
        using var tooLarge = await client.PostAsync("/fhir/Patient", oversized);

        Assert.Equal($"{address}/fhir/Patient/{id}/_history/1", create.Headers.Location?.ToString());
        Assert.Equal("Loopback", (await FhirResponse.ReadAsync(read, "Patient")).Family());
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        await OutcomeAssert.IsOutcomeAsync(tooLarge, 413, "too-costly");
    }

    /// <summary>A request body of unknown length (sent chunked), far over the limit: only a limit enforced while reading stops it.</summary>
    private sealed class EndlessJson : Stream
    {
        private const int Total = 4 * 1024 * 1024;
        private bool _started;
        private int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            count = Math.Min(count, Total - _sent);
            var text = _started ? new string(' ', count) : "{\"resourceType\":\"Patient\"" + new string(' ', Math.Max(0, count - 27));
            _started = true;
            var written = System.Text.Encoding.ASCII.GetBytes(text, 0, Math.Min(count, text.Length), buffer, offset);
            _sent += written;
            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
