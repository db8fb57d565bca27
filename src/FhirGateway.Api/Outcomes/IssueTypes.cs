namespace FhirGateway.Api.Outcomes;

/// <summary>The OperationOutcome issue type (https://hl7.org/fhir/R4/valueset-issue-type.html) for an HTTP error status.</summary>
internal static class IssueTypes
{
    public static string ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status401Unauthorized => "login",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status406NotAcceptable or
            StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status501NotImplemented => "not-supported",
        StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed => "conflict",
        StatusCodes.Status410Gone => "deleted",
        StatusCodes.Status413PayloadTooLarge => "too-costly",
        StatusCodes.Status422UnprocessableEntity => "processing",
        StatusCodes.Status429TooManyRequests => "throttled",
        StatusCodes.Status503ServiceUnavailable => "transient",
        >= 500 => "exception",
        _ => "processing",
    };
}
