using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Headers;
using FhirGateway.Api.Outcomes;
using FhirGateway.Search;
using FhirGateway.Search.Query;

namespace FhirGateway.Api.Search;

/// <summary>
/// Runs one search request: the parameters (the query string, and for <c>_search</c> the form body as well), the
/// handling preference and the base URL go to <see cref="SearchService"/>; a request in error is a 400 with every issue
/// (https://hl7.org/fhir/R4/search.html#errors), anything else the searchset Bundle.
/// </summary>
internal static class SearchRequests
{
    public static async Task SearchAsync(HttpContext context, string? resourceType, CompartmentReference? compartment, bool fromForm)
    {
        var request = context.Request;
        var services = context.RequestServices;
        IReadOnlyList<KeyValuePair<string, string>> parameters = QueryStrings.Parse(request.QueryString.Value);
        if (fromForm)
        {
            // https://hl7.org/fhir/R4/http.html#search: parameters in the URL and in the body both count.
            parameters = [.. parameters, .. await SearchForm.ReadAsync(context)];
        }

        var baseUrl = services.GetRequiredService<FhirBaseUrl>().For(request);
        var options = new SearchOptions
        {
            Strict = request.Headers.ContainsKey("Prefer") && PreferHeader.Of(request).Strict,
            BaseUrl = baseUrl,
            Compartment = compartment,
        };
        var outcome = await services.GetRequiredService<SearchService>().SearchAsync(resourceType, parameters, options, context.RequestAborted);
        if (!outcome.IsValid)
        {
            throw Refusal(outcome);
        }

        await SearchResponses.WriteAsync(context, outcome, baseUrl);
    }

    /// <summary>The 400 for a search in error: the first error's issue type and message, and every issue.</summary>
    public static FhirException Refusal(SearchOutcome outcome)
    {
        var first = FirstError(outcome);
        return new FhirException(StatusCodes.Status400BadRequest, first.IssueType, first.Message, outcome.ToOperationOutcome());
    }

    private static SearchIssue FirstError(SearchOutcome outcome)
    {
        foreach (var issue in outcome.Issues)
        {
            if (issue.Severity == SearchIssueSeverity.Error)
            {
                return issue;
            }
        }

        throw new InvalidOperationException("An invalid search has an error.");
    }
}
