using FhirGateway.Api.Tests.TestSupport;

namespace FhirGateway.Api.Tests.Search;

/// <summary>
/// Long value lists over HTTP on each database: within the limits a searchset with the right matches, past them a
/// 400 too-costly OperationOutcome (docs/search.md), never a 500.
/// </summary>
public abstract class SearchLimitsContract<TGateway>(TGateway gateway) : IClassFixture<TGateway>
    where TGateway : GatewayFactory
{
    [DatabaseFact]
    public async Task Post_search_with_two_parameters_of_500_values_is_a_searchset()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var match = await client.CreateAsync("Patient", SearchTestData.Patient(family));

        using var response = await client.PostAsync("/fhir/Patient/_search", new FormUrlEncodedContent(
            [new("family", Values("f", family)), new("given", Values("g", "Ann"))]));

        Assert.Equal([$"Patient/{match}"], (await SearchTestData.ReadSearchSetAsync(response)).Entries("match"));
    }

    [DatabaseFact]
    public async Task A_search_comparing_too_many_values_is_400_too_costly()
    {
        using var client = gateway.CreateClient();

        // Provenance.target may refer to any type: each identifier is compared with those of every type.
        using var response = await client.PostAsync("/fhir/Provenance/_search", new FormUrlEncodedContent([new("target.identifier", Values("v", "w"))]));

        var outcome = await OutcomeAssert.IsOutcomeAsync(response, 400, "too-costly");
        Assert.Contains("target.identifier", outcome.Value("issue.expression"), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Nested_has_with_a_chain_inside_is_a_searchset()
    {
        using var client = gateway.CreateClient();
        var family = SearchTestData.UniqueFamily();
        var code = SearchTestData.UniqueCode();
        var match = await client.CreateAsync("Patient", SearchTestData.Patient(family));
        var other = await client.CreateAsync("Patient", SearchTestData.Patient(SearchTestData.UniqueFamily()));
        var observation = await client.CreateAsync("Observation", SearchTestData.Observation(match, code));
        await client.CreateAsync("Observation", SearchTestData.Observation(other, code));
        var provenance = await client.CreateAsync("Provenance", $$$"""
            {"resourceType":"Provenance","target":[{"reference":"Observation/{{{observation}}}"}],"recorded":"2024-05-01T10:00:00Z",
             "agent":[{"who":{"reference":"Patient/{{{match}}}"}}]}
            """);
        await client.CreateAsync("AuditEvent", $$$"""
            {"resourceType":"AuditEvent","type":{"system":"{{{SearchTestData.CodeSystem}}}","code":"{{{code}}}"},"recorded":"2024-05-01T10:00:00Z",
             "agent":[{"requestor":true}],"source":{"observer":{"display":"gateway"}},"entity":[{"what":{"reference":"Provenance/{{{provenance}}}"}}]}
            """);

        // Three nested _has, and two with a chain inside: SQLite's parser stack overflowed on both (500).
        Assert.Equal([$"Patient/{match}"], (await client.SearchAsync($"/fhir/Patient?_has:Observation:subject:_has:Provenance:target:_has:AuditEvent:entity:type={code}")).Entries("match"));
        Assert.Equal([$"Patient/{match}"], (await client.SearchAsync($"/fhir/Patient?_has:Observation:subject:_has:Provenance:target:agent:Patient.family={family}")).Entries("match"));
    }

    /// <summary>500 comma-separated values, the most a parameter takes, the last of them <paramref name="last"/>.</summary>
    private static string Values(string prefix, string last) => string.Join(",", Enumerable.Range(0, 499).Select(i => prefix + i).Append(last));
}

/// <summary><see cref="SearchLimitsContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteSearchLimitsTests(SqliteGateway gateway) : SearchLimitsContract<SqliteGateway>(gateway);

/// <summary><see cref="SearchLimitsContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresSearchLimitsTests(PostgresGateway gateway) : SearchLimitsContract<PostgresGateway>(gateway);
