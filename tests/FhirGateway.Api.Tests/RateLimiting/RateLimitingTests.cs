using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.RateLimiting;

/// <summary>Request limits per client over real HTTP: 429 with Retry-After and an OperationOutcome (RFC 6585 section 4).</summary>
public sealed class RateLimitingTests
{
    [Fact]
    public async Task Requests_over_the_rate_get_429_with_Retry_After_and_a_throttled_outcome_but_health_is_never_limited()
    {
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway, ("RateLimiting:Enabled", "true"), ("RateLimiting:RequestsPerSecondPerClient", "2"), ("RateLimiting:ConcurrentRequestsPerClient", "0"));
        using var client = server.CreateClient();

        // The first request builds what the FHIR routes cache; then the bucket gets a second to fill up again.
        using (var warm = await client.GetAsync("/fhir/metadata"))
        {
            Assert.Equal(200, (int)warm.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var statuses = new List<int>();
        HttpResponseMessage? throttled = null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync("/fhir/metadata");
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 429 && throttled is null)
            {
                throttled = response;
            }
            else
            {
                response.Dispose();
            }
        }

        var elapsed = started.Elapsed;
        using var health = await client.GetAsync("/healthz");

        // The bucket holds two requests and gets two more each second, on the limiter's own timer (which may tick
        // once during the six requests): the first two pass, and no more pass than the bucket and its refills allow.
        Assert.Equal([200, 200], statuses.Take(2));
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 429 }));
        var allowed = 2 + (2 * (int)Math.Ceiling(elapsed.TotalSeconds));
        Assert.InRange(statuses.Count(s => s == 200), 2, allowed);
        Assert.Contains(429, statuses);
        Assert.NotNull(throttled);
        using (throttled)
        {
            var retryAfter = Assert.Single(throttled.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 2);
            var outcome = await OutcomeAssert.IsOutcomeAsync(throttled, 429, "throttled");
            Assert.Contains("Too many requests", outcome.Value("issue.diagnostics"), StringComparison.Ordinal);
        }

        Assert.Equal(200, (int)health.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        using var later = await client.GetAsync("/fhir/metadata");
        Assert.Equal(200, (int)later.StatusCode);
    }

    [Fact]
    public async Task Requests_over_the_concurrency_limit_get_429()
    {
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway, ("RateLimiting:Enabled", "true"), ("RateLimiting:ConcurrentRequestsPerClient", "1"));
        using var client = server.CreateClient();

        // Warm up (one at a time), then a request body that is slow to arrive keeps the one permit while the second
        // request comes in.
        using (var warm = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Warm"))))
        {
            Assert.Equal(201, (int)warm.StatusCode);
        }

        // A request body that stops after its first byte keeps the one permit while further requests come in. The body
        // resumes only when the test says so, so the outcome does not depend on how fast the machine is. A probe sent
        // before the server has read the slow request's headers may take the permit first; the slow request is then the
        // one refused (and its connection closed while its body is still coming), so the round is tried again.
        HttpResponseMessage? second = null;
        for (var round = 0; round < 5 && second is null; round++)
        {
            var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var slowBody = new SlowContent(TestFhir.Patient("Slow"), resume.Task).Typed();
            var slow = client.PostAsync("/fhir/Patient", slowBody);
            await slowBody.HalfSent.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(100));

            for (var attempt = 0; attempt < 100 && second is null && !slow.IsCompleted; attempt++)
            {
                var probe = await client.GetAsync("/fhir/metadata");
                if ((int)probe.StatusCode == 429)
                {
                    second = probe;
                }
                else
                {
                    Assert.Equal(200, (int)probe.StatusCode);
                    probe.Dispose();
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                }
            }

            resume.SetResult();
            if (second is null)
            {
                // The slow request lost the race: whatever it got (429, or a reset connection) is not what is tested.
                try
                {
                    using var lost = await slow;
                }
                catch (HttpRequestException)
                {
                }

                continue;
            }

            // It held the permit, so once its body arrives it is created.
            using var first = await slow;
            Assert.Equal(201, (int)first.StatusCode);
        }

        Assert.NotNull(second);
        using var refused = second;
        await OutcomeAssert.IsOutcomeAsync(refused, 429, "throttled");
        Assert.Equal("1", Assert.Single(refused.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task Off_by_default_so_bursts_of_one_client_are_never_throttled()
    {
        using var gateway = new SqliteGateway();
        using var server = LoopbackServer.Start(gateway);
        using var client = server.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync("/fhir/metadata")));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// A FHIR JSON body that stops after its opening brace until the test resumes it. While it waits it sends
    /// whitespace (insignificant between JSON tokens) faster than Kestrel's minimum request body data rate (240 bytes/s
    /// after a 5 s grace period), so a slow machine does not see the server drop the connection, and the request keep
    /// its permit, before the test has its 429.
    /// </summary>
    private sealed class SlowContent(string json, Task resume) : HttpContent
    {
        private const int PaddingChunk = 64;

        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(json);
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the start of the body has been flushed to the connection.</summary>
        public Task HalfSent => _halfSent.Task;

        public SlowContent Typed()
        {
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FhirResponse.JsonMediaType);
            return this;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var brace = Array.IndexOf(_bytes, (byte)'{') + 1;
            await stream.WriteAsync(_bytes.AsMemory(0, brace));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            var spaces = Enumerable.Repeat((byte)' ', PaddingChunk).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!resume.IsCompleted)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The test never resumed the body.");
                }

                await stream.WriteAsync(spaces);
                await stream.FlushAsync();
                await Task.WhenAny(resume, Task.Delay(TimeSpan.FromMilliseconds(100)));
            }

            await stream.WriteAsync(_bytes.AsMemory(brace));
        }

        // The padding makes the length unknown in advance: the body goes chunked.
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
