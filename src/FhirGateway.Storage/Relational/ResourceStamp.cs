using System.Globalization;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// Writes the server-owned elements into a copy of the resource and serializes it: <c>id</c>,
/// <c>meta.versionId</c> and <c>meta.lastUpdated</c> (https://hl7.org/fhir/R4/resource.html#Meta,
/// https://hl7.org/fhir/R4/http.html#create: the server assigns id, versionId and lastUpdated).
/// </summary>
internal static class ResourceStamp
{
    public static byte[] Serialize(ElementNode resource, string id, long versionId, DateTimeOffset lastUpdated)
    {
        var copy = resource.DeepCopy();
        Set(copy, "id", id);
        var meta = copy.Child("meta") ?? copy.AddNew("meta");
        Set(meta, "versionId", versionId.ToString(CultureInfo.InvariantCulture));
        Set(meta, "lastUpdated", FormatInstant(lastUpdated));
        return FhirJsonWriter.SerializeToUtf8(copy);
    }

    /// <summary>An R4 instant in UTC with milliseconds (https://hl7.org/fhir/R4/datatypes.html#instant).</summary>
    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Set(ElementNode parent, string name, string value)
    {
        var node = parent.Child(name) ?? parent.AddNew(name);
        node.Value = value;
    }
}
