namespace FhirGateway.Api.RateLimiting;

/// <summary>
/// Request limits per client (configuration section <c>RateLimiting</c>). Off by default: one user, and load tests of
/// tens of thousands of requests per second from a few connections, are never throttled unless an operator asks for it.
/// A client is its remote IP address (behind a reverse proxy, configure forwarded headers so that it is the client's).
/// </summary>
internal sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>The largest value accepted for either limit.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>Whether FHIR requests are limited at all. Default false: the limiter is not even in the pipeline.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many requests of one client may run at once (0: no such limit). Default 64.</summary>
    public int ConcurrentRequestsPerClient { get; set; } = 64;

    /// <summary>How many requests one client may start per second on average (0: no such limit). Default 0.</summary>
    public int RequestsPerSecondPerClient { get; set; }

    /// <summary>How many requests one client may send at once above the average (token bucket size); 0 means one second's worth.</summary>
    public int BurstPerClient { get; set; }
}
