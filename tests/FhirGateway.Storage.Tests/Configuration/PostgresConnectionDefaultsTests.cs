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

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:5433")]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]:5432")]
    [InlineData("localhost,127.0.0.2")]
    public void Loopback_hosts_run_without_tls(string host)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply($"Host={host};Database=d"));

        Assert.Equal(SslMode.Disable, applied.SslMode);
    }

    [Theory]
    [InlineData("db.example.org")]
    [InlineData("10.0.0.5")]
    [InlineData("127.0.0.1,db.example.org")]
    [InlineData("/var/run/postgresql")]
    public void Other_hosts_keep_the_npgsql_default(string host)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply($"Host={host};Database=d"));

        Assert.Equal(new NpgsqlConnectionStringBuilder().SslMode, applied.SslMode);
    }

    [Theory]
    [InlineData("SSL Mode=Require", SslMode.Require)]
    [InlineData("sslmode=VerifyFull", SslMode.VerifyFull)]
    [InlineData("Root Certificate=/etc/ca.pem", SslMode.Prefer)]
    [InlineData("SSL Certificate=/etc/client.pem", SslMode.Prefer)]
    public void A_tls_setting_of_the_user_keeps_tls_on_loopback(string settings, SslMode expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=127.0.0.1;Database=d;" + settings));

        Assert.Equal(expected, applied.SslMode);
    }
}
