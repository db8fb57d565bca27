using System.Text.Json;
using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.ValidatorCases;

/// <summary>One case of tests/data/validator-cases/cases.json.</summary>
internal sealed record ValidatorCase(string Name, string File, string Format, int ExpectedErrorCount)
{
    private static readonly Lazy<IReadOnlyDictionary<string, ValidatorCase>> LazyAll = new(Load);

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, ValidatorCase> All => LazyAll.Value;

    /// <summary>The case names, as theory data.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in All.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    public string Path => RepoPaths.Combine("tests", "data", "validator-cases", File);

    private static IReadOnlyDictionary<string, ValidatorCase> Load()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(RepoPaths.Combine("tests", "data", "validator-cases", "cases.json")));
        var result = new Dictionary<string, ValidatorCase>(StringComparer.Ordinal);
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            result.Add(name, new ValidatorCase(name, c.GetProperty("file").GetString()!, c.GetProperty("format").GetString()!, c.GetProperty("expectedErrorCount").GetInt32()));
        }

        return result;
    }

    public override string ToString() => Name;
}
