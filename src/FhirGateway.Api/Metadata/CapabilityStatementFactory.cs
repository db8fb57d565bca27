using System.Globalization;
using FhirGateway.Api.Formats;
using FhirGateway.Api.Search;
using FhirGateway.Api.Validation;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search.Registry;

namespace FhirGateway.Api.Metadata;

/// <summary>
/// Builds the gateway's CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html) with the element
/// model. It states exactly what is implemented, and a test holds it to the routes the host maps: every R4 resource
/// type with the instance and type interactions on the resource store, search with every parameter the search
/// registry serves, <c>$validate</c>, and the system's batch, transaction, history and search.
/// </summary>
internal sealed class CapabilityStatementFactory(SoftwareInfo software, TimeProvider time, SearchParameterRegistry searchParameters)
{
    /// <summary>The interactions every resource type supports (https://hl7.org/fhir/R4/valueset-type-restful-interaction.html).</summary>
    public static readonly IReadOnlyList<string> TypeInteractions =
        ["read", "vread", "update", "patch", "delete", "history-instance", "history-type", "create", "search-type"];

    /// <summary>The whole-system interactions.</summary>
    public static readonly IReadOnlyList<string> SystemInteractions = ["transaction", "batch", "search-system", "history-system"];

    private const string ConditionalDocumentation =
        "Conditional create, update, patch and delete, and conditional references in transactions, take any search criteria; " +
        "more than one match is refused with 412. Business identifiers (system and value) are unique per resource type.";

    private const string SearchDocumentation =
        "Search by GET [type]?..., POST [type]/_search (form body), GET [base]?... and POST [base]/_search (with _type), and " +
        "GET Patient/[id]/[type]?... in the Patient compartment; unknown or unsupported parameters are ignored and reported " +
        "in an OperationOutcome entry, or refused with 400 under Prefer: handling=strict. ";

    // CapabilityStatement.date: when this instance's statement last changed, which is when the instance started.
    /// <summary>When the statement last changed: when the instance started, to the second.</summary>
    public DateTimeOffset Date { get; } = TruncateToSeconds(time.GetUtcNow());

    public ElementNode Create(string baseUrl)
    {
        var date = Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var model = FhirModel.R4;
        var statement = new ElementNode(model.GetType("CapabilityStatement"));
        Set(statement, "name", "FhirGateway");
        Set(statement, "status", "active");
        Set(statement, "date", date);
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

        statement.AddNew("patchFormat").Value = "application/json-patch+json";

        var rest = statement.AddNew("rest");
        Set(rest, "mode", "server");
        Set(rest, "documentation", "Every R4 resource type is held in the gateway's store. " + SearchDocumentation + ConditionalDocumentation);
        var searchInfo = CapabilitySearch.For(searchParameters);
        foreach (var type in model.ResourceTypes)
        {
            AddResource(rest, type.Name, searchInfo);
        }

        foreach (var code in SystemInteractions)
        {
            Set(rest.AddNew("interaction"), "code", code);
        }

        // Parameters every type has, usable in a system search (https://hl7.org/fhir/R4/search.html#all).
        foreach (var parameter in searchInfo.Common)
        {
            CapabilitySearch.AddSearchParam(rest, parameter);
        }

        rest.AddNew("compartment").Value = SearchEndpoints.PatientCompartment;

        return statement;
    }

    private static void AddResource(ElementNode rest, string type, CapabilitySearch search)
    {
        var resource = rest.AddNew("resource");
        Set(resource, "type", type);
        foreach (var code in TypeInteractions)
        {
            Set(resource.AddNew("interaction"), "code", code);
        }

        // https://hl7.org/fhir/R4/valueset-versioning-policy.html: versionId is kept and If-Match is honoured.
        Set(resource, "versioning", "versioned-update");
        Set(resource, "readHistory", "true");
        Set(resource, "updateCreate", "true");
        Set(resource, "conditionalCreate", "true");
        Set(resource, "conditionalRead", "full-support");
        Set(resource, "conditionalUpdate", "true");
        Set(resource, "conditionalDelete", "single");
        search.AddTo(resource, type);

        var operation = resource.AddNew("operation");
        Set(operation, "name", "validate");
        Set(operation, "definition", ValidateOperation.Definition);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static void Set(ElementNode parent, string name, string value) => parent.AddNew(name).Value = value;
}
