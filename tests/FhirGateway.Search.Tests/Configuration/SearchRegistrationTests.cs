using FhirGateway.Search.Configuration;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FhirGateway.Search.Tests.Configuration;

public sealed class SearchRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Storage:Sqlite:Path", Path.Combine(Path.GetTempPath(), "fhirgateway-search-registration", Guid.NewGuid().ToString("N"), "store.db"));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSqliteResourceStore();
        services.AddFhirSearch();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Defaults_register_the_official_parameters_indexer_and_service()
    {
        await using var services = Build([]);

        Assert.Same(SearchParameterRegistry.Official, services.GetRequiredService<SearchParameterRegistry>());
        Assert.NotNull(services.GetRequiredService<SearchIndexer>());
        Assert.NotNull(services.GetRequiredService<SearchService>());
        var settings = services.GetRequiredService<IOptions<SearchSettings>>().Value;
        Assert.Equal((50, 1000, 1000), (settings.DefaultCount, settings.MaxCount, settings.MaxIncludes));
    }

    [Fact]
    public async Task Every_configuration_problem_is_reported_at_once()
    {
        await using var services = Build(new()
        {
            ["Search:DefaultCount"] = "0",
            ["Search:MaxCount"] = "5000",
            ["Search:MaxIncludes"] = "-1",
            ["Search:LocalBaseUrls:0"] = "ftp://example.org/fhir",
            ["Search:SearchParameterPaths:0"] = "/nonexistent/search-parameters",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SearchSettings>>().Value);

        Assert.Equal(5, failure.Failures.Count());
        Assert.Contains(failure.Failures, f => f.Contains("Search:MaxCount", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Search:DefaultCount", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Search:MaxIncludes", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("ftp://example.org/fhir", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("/nonexistent/search-parameters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateways_own_parameters_are_loaded_and_used_for_indexing()
    {
        var folder = Directory.CreateTempSubdirectory("fhirgateway-own-sp-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "sp.json"), """
                {"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/patient-birth-order","name":"BirthOrder","status":"active",
                 "description":"x","code":"birth-order","base":["Patient"],"type":"number","expression":"Patient.multipleBirth.as(integer)"}
                """);
            await using var services = Build(new() { ["Search:SearchParameterPaths:0"] = folder.FullName });

            var rows = services.GetRequiredService<SearchIndexer>().Extract(Resources.Json("""{"resourceType":"Patient","multipleBirthInteger":2}"""));

            Assert.Contains(rows, r => r.Parameter == "birth-order" && r.Value == 2);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
