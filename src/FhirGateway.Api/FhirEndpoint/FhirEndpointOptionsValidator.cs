using Microsoft.Extensions.Options;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>Checks the <c>Fhir</c> settings at start-up and reports every problem at once.</summary>
internal sealed class FhirEndpointOptionsValidator : IValidateOptions<FhirEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirEndpointOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.PublicBaseUrl))
        {
            if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{FhirEndpointOptions.Section}:PublicBaseUrl must be an absolute http or https URL; it is '{options.PublicBaseUrl}'.");
            }
            else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                errors.Add($"{FhirEndpointOptions.Section}:PublicBaseUrl must not have a query or fragment; it is '{options.PublicBaseUrl}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
