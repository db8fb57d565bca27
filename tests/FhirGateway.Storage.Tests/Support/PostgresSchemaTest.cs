namespace FhirGateway.Storage.Tests.Support;

/// <summary>
/// A test class of its own schema on PostgreSQL (<see cref="PostgresHarness"/>), for tests that only PostgreSQL
/// has; its facts are <see cref="PostgresFactAttribute"/>, so without a database they skip (and fail under CI=true).
/// </summary>
public abstract class PostgresSchemaTest : IAsyncLifetime
{
    private PostgresHarness? _harness;

    /// <summary>The schema's harness; set before each fact runs.</summary>
    internal PostgresHarness Harness => _harness ?? throw new InvalidOperationException("No PostgreSQL database for this test.");

    public async Task InitializeAsync()
    {
        if (PostgresEnvironment.SkipReason is null)
        {
            _harness = await PostgresHarness.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
