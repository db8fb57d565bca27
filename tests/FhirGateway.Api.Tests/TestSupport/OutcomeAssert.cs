using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>Checks an error response is an OperationOutcome with the expected status and issue type.</summary>
internal static class OutcomeAssert
{
    public static async Task<ElementNode> IsOutcomeAsync(HttpResponseMessage response, int status, string issueType, string mediaType = FhirResponse.JsonMediaType)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var outcome = await FhirResponse.ReadAsync(response, "OperationOutcome", mediaType);
        Assert.Equal(issueType, outcome.Value("issue.code"));
        Assert.False(string.IsNullOrEmpty(outcome.Value("id")), "the OperationOutcome carries no trace id");
        Assert.False(string.IsNullOrEmpty(outcome.Value("issue.diagnostics")));
        return outcome;
    }
}
