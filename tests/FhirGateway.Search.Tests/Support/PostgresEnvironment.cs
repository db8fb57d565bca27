namespace FhirGateway.Search.Tests.Support;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>FHIRGATEWAY_TEST_POSTGRES</c> (eng/ci/start-postgres.sh prints
/// it). Without it they are skipped, except under <c>CI=true</c>, where they run and fail: CI must never pass without
/// having tested PostgreSQL.
/// </summary>
internal static class PostgresEnvironment
{
    public const string Variable = "FHIRGATEWAY_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"PostgreSQL tests need {Variable} (run eng/ci/start-postgres.sh); skipped because CI is not true."
        : null;

    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"CI=true but {Variable} is not set: the PostgreSQL search tests must run under CI. Start the server with " +
        "eng/ci/start-postgres.sh and export the line it prints.");
}
