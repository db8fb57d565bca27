
namespace FhirGateway.Search.Tests.EndToEnd;

/// <summary>
/// End-to-end search over a real store: resources written with their index rows, searched through
/// <see cref="SearchService"/>. The same suite runs on SQLite and PostgreSQL, each test on a fresh database.
/// </summary>
public abstract partial class SearchContract : IAsyncLifetime
{
    private SearchHarness? _harness;

    internal SearchHarness H => _harness ?? throw new InvalidOperationException("The harness starts in InitializeAsync.");

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    internal abstract Task<SearchHarness> CreateHarnessAsync();

    /// <summary>Replaces the harness with one on a fresh database with other search settings.</summary>
    internal async Task RestartWithAsync(Dictionary<string, string?> settings)
    {
        await H.DisposeAsync();
        SearchHarness.ExtraSettings.Value = settings;
        try
        {
            _harness = await CreateHarnessAsync();
        }
        finally
        {
            SearchHarness.ExtraSettings.Value = null;
        }
    }

    /// <summary>A Patient with the given id, family name, given names, birth date and gender.</summary>
    internal static string Patient(string id, string family, string? birthDate = null, string? gender = null, string given = "Alex", string extra = "") =>
        $$"""
        {"resourceType":"Patient","id":"{{id}}","name":[{"family":"{{family}}","given":["{{given}}"]}]
        {{(birthDate is null ? "" : $",\"birthDate\":\"{birthDate}\"")}}{{(gender is null ? "" : $",\"gender\":\"{gender}\"")}}{{extra}}}
        """;

    /// <summary>An Observation with a LOINC code, a subject and optional effective time and value.</summary>
    internal static string Observation(string id, string code, string subject, string? effective = null, string extra = "") =>
        $$"""
        {"resourceType":"Observation","id":"{{id}}","status":"final",
         "code":{"coding":[{"system":"http://loinc.org","code":"{{code}}","display":"Code {{code}}"}]},
         "subject":{"reference":"{{subject}}"}{{(effective is null ? "" : $",\"effectiveDateTime\":\"{effective}\"")}}{{extra}}}
        """;

    internal async Task PutAsync(params string[] resources)
    {
        foreach (var json in resources)
        {
            var id = Support.Resources.Json(json).Child("id")!.Value!;
            await H.UpdateAsync(id, json);
        }
    }

    internal async Task<List<string>> Ids(string type, string query) => (await H.IdsAsync(type, query)).Order(StringComparer.Ordinal).ToList();
}

public sealed class SqliteSearchTests : SearchContract
{
    internal override Task<SearchHarness> CreateHarnessAsync() => SearchHarness.SqliteAsync();
}

[RequiresPostgres]
public sealed class PostgresSearchTests : SearchContract
{
    internal override Task<SearchHarness> CreateHarnessAsync() =>
        PostgresEnvironment.SkipReason is null ? SearchHarness.PostgresAsync() : Task.FromResult<SearchHarness>(null!);
}
