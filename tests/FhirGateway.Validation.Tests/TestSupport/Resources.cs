using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation.Tests.TestSupport;

/// <summary>Reads test resources and validates them.</summary>
internal static class Resources
{
    public static ElementNode Json(string json)
    {
        var result = FhirJsonReader.Parse(json, null, new FhirReaderOptions { ValidatePrimitiveValues = false });
        Assert.True(result.Resource is not null && !result.HasErrors, string.Join("; ", result.Issues));
        return result.Resource!;
    }

    public static ElementNode File(params string[] path)
    {
        var bytes = System.IO.File.ReadAllBytes(RepoPaths.Combine(path));
        var options = new FhirReaderOptions { ValidatePrimitiveValues = false };
        var result = path[^1].EndsWith(".xml", StringComparison.Ordinal) ? FhirXmlReader.Parse(bytes, null, options) : FhirJsonReader.Parse(bytes, null, options);
        Assert.True(result.Resource is not null && !result.HasErrors, string.Join("; ", result.Issues));
        return result.Resource!;
    }

    public static ValidationResult Validate(string json, string? profile = null) => FhirValidator.Default.Validate(Json(json), profile);

    public static string Describe(ValidationResult result) => string.Join(Environment.NewLine, result.Issues);
}
