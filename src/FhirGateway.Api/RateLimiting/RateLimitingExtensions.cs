using System.Globalization;
using System.Threading.RateLimiting;
using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Outcomes;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.RateLimiting;

/// <summary>
/// Limits FHIR requests per client with ASP.NET Core rate limiting, when <see cref="RateLimitingOptions.Enabled"/>:
/// a concurrency limit and a token bucket per client, chained. A refused request gets 429 with <c>Retry-After</c>
/// (RFC 6585 section 4; RFC 9110 section 10.2.3) and an OperationOutcome with issue type <c>throttled</c>
/// (https://hl7.org/fhir/R4/valueset-issue-type.html). Routes outside the FHIR base (health) are never limited.
/// </summary>
internal static class RateLimitingExtensions
{
    public static IServiceCollection AddFhirRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.GlobalLimiter = Limiter(limits);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => RejectAsync(context, cancellationToken);
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>
    /// Puts the limiter in the pipeline only when it is enabled, so the default costs nothing per request. The switch
    /// is read from configuration directly: the settings themselves are validated when the host starts, with every
    /// other component's, so that all problems are reported at once.
    /// </summary>
    public static WebApplication UseFhirRateLimiting(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>($"{RateLimitingOptions.Section}:{nameof(RateLimitingOptions.Enabled)}"))
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var limits = app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitingExtensions).FullName!);
                RateLimitingLog.Enabled(logger, limits.ConcurrentRequestsPerClient, limits.RequestsPerSecondPerClient, Burst(limits));
            });
            app.UseRateLimiter();
        }

        return app;
    }

    private static PartitionedRateLimiter<HttpContext> Limiter(RateLimitingOptions limits)
    {
        var parts = new List<PartitionedRateLimiter<HttpContext>>();
        if (limits.ConcurrentRequestsPerClient > 0)
        {
            parts.Add(PartitionedRateLimiter.Create<HttpContext, string>(context => Client(context) is { } client
                ? RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentRequestsPerClient, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty)));
        }

        if (limits.RequestsPerSecondPerClient > 0)
        {
            parts.Add(PartitionedRateLimiter.Create<HttpContext, string>(context => Client(context) is { } client
                ? RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Burst(limits),
                    TokensPerPeriod = limits.RequestsPerSecondPerClient,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty)));
        }

        return parts.Count switch
        {
            0 => PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetNoLimiter(string.Empty)),
            1 => parts[0],
            _ => PartitionedRateLimiter.CreateChained([.. parts]),
        };
    }

    private static int Burst(RateLimitingOptions limits) => limits.BurstPerClient > 0 ? limits.BurstPerClient : limits.RequestsPerSecondPerClient;

    /// <summary>The partition of a FHIR request: its client's address; null (no limit) outside the FHIR base.</summary>
    private static string? Client(HttpContext context) =>
        context.Request.Path.StartsWithSegments(FhirRoutes.BasePath, StringComparison.OrdinalIgnoreCase)
            ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"
            : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitingExtensions).FullName!);
        RateLimitingLog.Throttled(logger, context.Request.Method, context.Request.Path, seconds);
        cancellationToken.ThrowIfCancellationRequested();
        await OutcomeResponses.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "throttled",
            $"Too many requests from this client; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.");
    }
}
