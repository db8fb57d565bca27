namespace FhirGateway.Testing;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>FHIRGATEWAY_TEST_POSTGRES</c> (eng/ci/start-postgres.sh prints
/// it). Without it the tests are skipped, except under <c>CI=true</c>, where they run and fail: CI must never pass
/// without having tested PostgreSQL.
/// </summary>
public static class PostgresEnvironment
{
    public const string Variable = "FHIRGATEWAY_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"PostgreSQL tests need {Variable} (run eng/ci/start-postgres.sh); skipped because CI is not true."
        : null;

    /// <summary>The connection string, or a failure that says what is missing.</summary>
    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"CI=true but {Variable} is not set: the PostgreSQL tests must run under CI. Start the server with " +
        "eng/ci/start-postgres.sh and export the line it prints.");
}
