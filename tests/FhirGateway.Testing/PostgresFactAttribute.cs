using Xunit;

namespace FhirGateway.Testing;

/// <summary>A fact that needs PostgreSQL: skipped without <c>FHIRGATEWAY_TEST_POSTGRES</c> unless <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresEnvironment.SkipReason;
    }
}
