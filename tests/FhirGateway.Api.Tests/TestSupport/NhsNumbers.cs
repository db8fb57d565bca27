namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>Distinct made-up NHS numbers, so tests sharing a database never collide on identity keys.</summary>
internal static class NhsNumbers
{
    private static long _next = Random.Shared.NextInt64(1_000_000_000, 8_000_000_000);

    public static string Next() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
