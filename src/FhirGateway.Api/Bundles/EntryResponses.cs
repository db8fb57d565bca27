using System.Globalization;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// The response entries of batch-response and transaction-response Bundles (https://hl7.org/fhir/R4/bundle.html):
/// status, location, etag, lastModified, and the resource or outcome the client's return preference asks for.
/// </summary>
internal static class EntryResponses
{
    /// <summary>
    /// The response entry for one entry's result. An entry carrying a stored resource names it by its fullUrl
    /// (https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl: it SHALL have a value except for a
    /// create request or an operation's result); searchsets, history Bundles and outcomes are such results.
    /// </summary>
    public static ResponseEntry From(EntryResult entry, ReturnPreference preference, string baseUrl, string traceId)
    {
        var result = entry.Result;
        var version = result.Version;
        var response = new ResponseEntry
        {
            Status = StatusText(result.StatusCode),
            Location = result.Location,
            Etag = version is null ? null : ETags.Of(version.VersionId),
            LastModified = version?.LastUpdated,
        };

        if (entry.History is { } history)
        {
            return response with { ResourceNode = ResponseBundleXml.ToTree(history).Node };
        }

        if (entry.Searchset is { } searchset)
        {
            return response with { ResourceNode = searchset };
        }

        if (result.Outcome is { } outcome)
        {
            return response with { ResourceNode = outcome };
        }

        var wanted = result.IsWrite ? preference : ReturnPreference.Representation;
        return wanted switch
        {
            ReturnPreference.OperationOutcome when result.Message is { } message =>
                response with { Outcome = OperationOutcomes.Success(traceId, message, result.Warnings) },
            ReturnPreference.Representation when result.StatusCode != StatusCodes.Status304NotModified && result.SubsetResource() is { } subset =>
                response with { ResourceNode = subset, FullUrl = FullUrl(baseUrl, version!) },
            ReturnPreference.Representation when result.StatusCode != StatusCodes.Status304NotModified && version is { IsDeleted: false } =>
                response with { Resource = version, FullUrl = FullUrl(baseUrl, version) },
            _ => response,
        };
    }

    /// <summary>The absolute URL of a stored resource: the base, its type and its id.</summary>
    public static string FullUrl(string baseUrl, ResourceVersion version) => $"{baseUrl}/{version.ResourceType}/{version.Id}";

    /// <summary>A failed entry of a batch: its status and OperationOutcome.</summary>
    public static ResponseEntry FromError(MappedError error, string traceId) => new()
    {
        Status = StatusText(error.StatusCode),
        Outcome = OutcomeResponses.OutcomeOf(error, traceId),
    };

    /// <summary>entry.response.status: the status code, optionally with its text ("201 Created").</summary>
    public static string StatusText(int statusCode) =>
        statusCode.ToString(CultureInfo.InvariantCulture) + (ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? " " + phrase : string.Empty);
}
