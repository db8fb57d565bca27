using FhirGateway.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FhirGateway.Api.Tests.Health;

public sealed class HealthTests(SqliteGateway factory) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Healthz_is_200_Healthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
