using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Formats;

/// <summary>The formats the API can write, their media types, and the writers behind them.</summary>
internal static class FhirSerializers
{
    /// <summary>The formats responses can be written in; the first is the default.</summary>
    public static IReadOnlyList<FhirFormat> Supported { get; } = [FhirFormat.Json, FhirFormat.Xml];

    /// <summary>The media type of a format (https://hl7.org/fhir/R4/http.html#mime-type).</summary>
    public static string MediaType(FhirFormat format) => format == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json";

    /// <summary>The Content-Type header of a response in a format.</summary>
    public static string ContentType(FhirFormat format) => format == FhirFormat.Xml ? "application/fhir+xml; charset=utf-8" : "application/fhir+json; charset=utf-8";

    /// <summary>The code CapabilityStatement.format uses for a format.</summary>
    public static string FormatCode(FhirFormat format) => format == FhirFormat.Xml ? "xml" : "json";

    public static byte[] Serialize(ElementNode resource, FhirFormat format, bool pretty) => format switch
    {
        FhirFormat.Xml => FhirXmlWriter.SerializeToUtf8(resource, pretty),
        _ => FhirJsonWriter.SerializeToUtf8(resource, pretty),
    };
}
