using System.Diagnostics;

namespace FhirGateway.Api.Outcomes;

/// <summary>The trace id of a request, as it appears in OperationOutcome.id and in the logs.</summary>
internal static class TraceIds
{
    /// <summary>
    /// The W3C trace id of the request's activity (continued from a <c>traceparent</c> header when the client sent one);
    /// otherwise the connection-based request id, with the characters a FHIR id does not allow replaced.
    /// </summary>
    public static string Of(HttpContext context)
    {
        if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
        {
            return activity.TraceId.ToHexString();
        }

        // https://hl7.org/fhir/R4/datatypes.html#id: [A-Za-z0-9\-\.]{1,64}
        return string.Create(context.TraceIdentifier.Length, context.TraceIdentifier, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-';
            }
        });
    }
}
