using FhirGateway.Storage.Postgres;
using Npgsql;

namespace FhirGateway.Storage.Tests.Configuration;

/// <summary>The Npgsql settings the gateway adds to a PostgreSQL connection string, and that the user's own win.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Unset_settings_get_the_gateway_defaults_and_the_rest_is_kept()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PostgresConnectionDefaults.Apply("Host=127.0.0.1;Username=u;Password=p;Database=d;Search Path=s1"));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal("127.0.0.1", applied.Host);
        Assert.Equal("d", applied.Database);
        Assert.Equal("s1", applied.SearchPath);
        Assert.Equal("p", applied.Password);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("maxautoprepare=0;NoResetOnClose=false")]
    public void Settings_in_the_connection_string_win(string settings)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=h;Database=d;" + settings));

        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.False(applied.NoResetOnClose);
    }
}
