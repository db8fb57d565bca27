using System.Globalization;
using FhirGateway.Api.Outcomes;
using FhirGateway.Storage;

namespace FhirGateway.Api.Interactions;

/// <summary>The refusals a write's result can turn into (https://hl7.org/fhir/R4/http.html#Status-Codes).</summary>
internal static class WriteFailures
{
    /// <summary>412: the version the client named is not the current one (https://hl7.org/fhir/R4/http.html#concurrency).</summary>
    public static FhirException VersionConflict(string type, string id, ResourceVersion? current) => FhirException.Status(
        StatusCodes.Status412PreconditionFailed,
        current is null
            ? $"{type}/{id} has no current version to match the If-Match precondition."
            : $"The If-Match version is not the current version of {type}/{id}, which is {current.VersionId.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>412: conditional criteria matched several resources.</summary>
    public static FhirException MultipleMatches(string type, int count) => FhirException.Status(
        StatusCodes.Status412PreconditionFailed,
        $"The criteria match {count.ToString(CultureInfo.InvariantCulture)} {type} resources; they must match at most one.");

    /// <summary>404 for a resource never seen, 410 for a deleted one (https://hl7.org/fhir/R4/http.html#read).</summary>
    public static FhirException NotReadable(ReadResult read, string type, string id) => read.Status == ReadStatus.Gone
        ? FhirException.Status(StatusCodes.Status410Gone, $"{type}/{id} was deleted.")
        : FhirException.Status(StatusCodes.Status404NotFound, $"{type}/{id} is not known.");

    /// <summary>The exception for a write status no interaction expects (a contract breach: 500).</summary>
    public static InvalidOperationException Unexpected(WriteStatus status) => new($"The store answered {status}, which this interaction does not expect.");
}
