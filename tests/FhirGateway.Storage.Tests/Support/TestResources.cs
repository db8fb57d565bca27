using System.Text.Json;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>Small resources and writes for the contract tests.</summary>
internal static class TestResources
{
    public const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";

    public static ElementNode Patient(string family, string? nhsNumber = null) => Parse(
        nhsNumber is null
            ? $$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}"""
            : $$"""{"resourceType":"Patient","identifier":[{"system":"{{NhsNumber}}","value":"{{nhsNumber}}"}],"name":[{"family":"{{family}}"}]}""");

    public static ElementNode Observation(string code) => Parse(
        $$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"{{{code}}}"}]}}""");

    public static string NhsKey(string nhsNumber) => $"Patient|identifier|{NhsNumber}|{nhsNumber}";

    /// <summary>A Patient write with its family-name row, and the NHS number as token row and identity key when given.</summary>
    public static ResourceWrite PatientWrite(string family, string? nhsNumber = null, params string[] topics) => new(Patient(family, nhsNumber))
    {
        IndexRows = nhsNumber is null
            ? [IndexRow.ForString("family", family.ToUpperInvariant(), family)]
            : [IndexRow.ForString("family", family.ToUpperInvariant(), family), IndexRow.ForToken("identifier", NhsNumber, nhsNumber)],
        IdentityKeys = nhsNumber is null ? [] : [NhsKey(nhsNumber)],
        OutboxTopics = topics,
    };

    /// <summary>The family name in stored JSON.</summary>
    public static string FamilyOf(ResourceVersion version)
    {
        using var json = JsonDocument.Parse(version.Json);
        return json.RootElement.GetProperty("name")[0].GetProperty("family").GetString()!;
    }

    /// <summary>meta.versionId and meta.lastUpdated in stored JSON, with the id.</summary>
    public static (string Id, string VersionId, string LastUpdated) MetaOf(ResourceVersion version)
    {
        using var json = JsonDocument.Parse(version.Json);
        var meta = json.RootElement.GetProperty("meta");
        return (json.RootElement.GetProperty("id").GetString()!, meta.GetProperty("versionId").GetString()!, meta.GetProperty("lastUpdated").GetString()!);
    }

    private static ElementNode Parse(string json)
    {
        var result = FhirJsonReader.Parse(json);
        Assert.True(result.Success, string.Join("; ", result.Issues));
        return result.Resource!;
    }
}
