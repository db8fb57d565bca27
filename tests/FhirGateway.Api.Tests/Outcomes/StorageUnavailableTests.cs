using FhirGateway.Api.Tests.TestSupport;
using Npgsql;
using B = FhirGateway.Api.Tests.TestSupport.Bundles;

namespace FhirGateway.Api.Tests.Outcomes;

/// <summary>
/// A database that goes away under a running gateway: requests answer 503 with an OperationOutcome (RFC 9110 section
/// 15.6.4: the client may try again later), never a 500. (A database unusable at start-up stops the start, by design:
/// StorageInitializer.)
/// </summary>
public sealed class StorageUnavailableTests
{
    [PostgresFact]
    public async Task A_PostgreSQL_server_gone_after_start_up_is_503()
    {
        var target = new NpgsqlConnectionStringBuilder(PostgresEnvironment.RequireConnectionString());
        using var relay = new TcpRelay(target.Host!, target.Port);
        using var gateway = new RelayedPostgresGateway(relay.Port);
        using var client = gateway.CreateClient();
        var id = await client.CreatePatientAsync("Stored");

        relay.Cut();
        using var read = await client.GetAsync($"/fhir/Patient/{id}");
        using var create = await client.PostAsync("/fhir/Patient", TestFhir.Json(TestFhir.Patient("Unstored")));
        using var search = await client.GetAsync("/fhir/Patient?family=Stored");
        using var batch = await client.PostAsync("/fhir", TestFhir.Json(B.Of(
            "batch", B.Entry("GET", $"Patient/{id}"), B.Entry("POST", "Patient", TestFhir.Patient("Unstored")), B.Entry("GET", "Patient?family=Stored"))));

        await OutcomeAssert.IsOutcomeAsync(read, 503, "transient");
        await OutcomeAssert.IsOutcomeAsync(create, 503, "transient");
        await OutcomeAssert.IsOutcomeAsync(search, 503, "transient");

        // A batch answers each entry 503: the first that found the database gone, and the rest without trying.
        var entries = (await FhirResponse.ReadAsync(batch, "Bundle")).Entries();
        Assert.All(entries, e => Assert.Equal("503 Service Unavailable", e.Status()));
        Assert.Equal(3, entries.Count);
    }

    /// <summary>The PostgreSQL gateway, connecting through the relay.</summary>
    private sealed class RelayedPostgresGateway(int port) : GatewayFactory
    {
        private readonly PostgresGateway _schema = new();

        public override string Provider => "Postgres";

        protected override IEnumerable<KeyValuePair<string, string>> StorageSettings() =>
            _schema.SettingsFor(port).Append(new("Reindex:RunAtStartup", "false"));

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _schema.Dispose();
            }
        }
    }
}
