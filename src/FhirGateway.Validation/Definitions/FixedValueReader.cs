using System.Text.Json.Nodes;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation.Definitions;

/// <summary>
/// Turns an ElementDefinition's fixed[x] or pattern[x] JSON into an <see cref="ElementNode"/> of the right type, by
/// reading it as the value of a Parameters parameter (whose value[x] takes every data type), so the values are
/// compared with instances as trees of the same model.
/// </summary>
internal static class FixedValueReader
{
    /// <summary>Reads a value; <paramref name="typeSuffix"/> is the part after fixed/pattern (<c>CodeableConcept</c>).</summary>
    public static ElementNode? Read(string typeSuffix, JsonNode value, JsonNode? extensionPart)
    {
        var parameter = new JsonObject
        {
            ["name"] = "v",
            ["value" + typeSuffix] = value.DeepClone(),
        };
        if (extensionPart is not null)
        {
            parameter["_value" + typeSuffix] = extensionPart.DeepClone();
        }

        var wrapper = new JsonObject
        {
            ["resourceType"] = "Parameters",
            ["parameter"] = new JsonArray(parameter),
        };
        var result = FhirJsonReader.Parse(wrapper.ToJsonString());
        return result.Resource?.Child("parameter")?.Child("value");
    }
}
