using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Search.Tests.Support;

/// <summary>Reads test resources into element trees, failing loudly on any read error.</summary>
internal static class Resources
{
    public static ElementNode Json(string json) => Checked(FhirJsonReader.Parse(json, FhirModel.R4));

    public static ElementNode Json(byte[] json) => Checked(FhirJsonReader.Parse(json, FhirModel.R4));

    private static ElementNode Checked(ParseResult result)
    {
        if (result.Resource is null || result.HasErrors)
        {
            throw new InvalidDataException("The test resource does not read: " + string.Join("; ", result.Issues.Select(i => i.ToString())));
        }

        return result.Resource;
    }
}
