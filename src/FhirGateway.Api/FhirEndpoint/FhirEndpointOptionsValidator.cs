using FhirGateway.Storage.History;
using Microsoft.Extensions.Options;

namespace FhirGateway.Api.FhirEndpoint;

/// <summary>Checks the <c>Fhir</c> settings at start-up and reports every problem at once.</summary>
internal sealed class FhirEndpointOptionsValidator : IValidateOptions<FhirEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirEndpointOptions options)
    {
        var errors = new List<string>();
        var section = FhirEndpointOptions.Section;
        if (!string.IsNullOrEmpty(options.PublicBaseUrl))
        {
            if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{section}:PublicBaseUrl must be an absolute http or https URL; it is '{options.PublicBaseUrl}'.");
            }
            else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                errors.Add($"{section}:PublicBaseUrl must not have a query or fragment; it is '{options.PublicBaseUrl}'.");
            }
        }

        if (options.MaxRequestBodyBytes is < 1024 or > FhirEndpointOptions.MaxRequestBodyBytesLimit)
        {
            errors.Add($"{section}:MaxRequestBodyBytes must be from 1024 to {FhirEndpointOptions.MaxRequestBodyBytesLimit}; it is {options.MaxRequestBodyBytes}.");
        }

        if (options.MaxBundleEntries is < 1 or > FhirEndpointOptions.MaxBundleEntriesLimit)
        {
            errors.Add($"{section}:MaxBundleEntries must be from 1 to {FhirEndpointOptions.MaxBundleEntriesLimit}; it is {options.MaxBundleEntries}.");
        }

        if (options.DefaultPageSize is < 1 or > HistoryQuery.MaxCount)
        {
            errors.Add($"{section}:DefaultPageSize must be from 1 to {HistoryQuery.MaxCount}; it is {options.DefaultPageSize}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
