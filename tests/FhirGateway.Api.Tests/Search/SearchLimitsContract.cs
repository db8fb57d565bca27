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

    /// <summary>500 comma-separated values, the most a parameter takes, the last of them <paramref name="last"/>.</summary>
    private static string Values(string prefix, string last) => string.Join(",", Enumerable.Range(0, 499).Select(i => prefix + i).Append(last));
}

/// <summary><see cref="SearchLimitsContract{TGateway}"/> on SQLite.</summary>
public sealed class SqliteSearchLimitsTests(SqliteGateway gateway) : SearchLimitsContract<SqliteGateway>(gateway);

/// <summary><see cref="SearchLimitsContract{TGateway}"/> on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresSearchLimitsTests(PostgresGateway gateway) : SearchLimitsContract<PostgresGateway>(gateway);
