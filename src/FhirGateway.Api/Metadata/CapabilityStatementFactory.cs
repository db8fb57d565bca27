using System.Globalization;
using FhirGateway.Api.Formats;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Metadata;

/// <summary>
/// Builds the gateway's CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html) with the element
/// model. It states only what is implemented: the formats the API writes and, as resource interactions arrive,
/// their resources; for now the server mode with no resources.
/// </summary>
internal sealed class CapabilityStatementFactory(SoftwareInfo software, TimeProvider time)
{
    // CapabilityStatement.date: when this instance's statement last changed, which is when the instance started.
    private readonly string _date = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public ElementNode Create(string baseUrl)
    {
        var model = FhirModel.R4;
        var statement = new ElementNode(model.GetType("CapabilityStatement"));
        Set(statement, "name", "FhirGateway");
        Set(statement, "status", "active");
        Set(statement, "date", _date);
        Set(statement, "kind", "instance");

        var softwareNode = statement.AddNew("software");
        Set(softwareNode, "name", software.Name);
        Set(softwareNode, "version", software.Version);

        // cpb-15: an instance statement describes a particular installation, so implementation is present.
        var implementation = statement.AddNew("implementation");
        Set(implementation, "description", "FhirGateway early-years information-sharing gateway");
        Set(implementation, "url", baseUrl);

        Set(statement, "fhirVersion", model.Version);
        foreach (var format in FhirSerializers.Supported)
        {
            statement.AddNew("format").Value = FhirSerializers.FormatCode(format);
        }

        var rest = statement.AddNew("rest");
        Set(rest, "mode", "server");
        return statement;
    }

    private static void Set(ElementNode parent, string name, string value) => parent.AddNew(name).Value = value;
}
