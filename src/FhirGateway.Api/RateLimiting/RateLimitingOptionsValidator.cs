using Microsoft.Extensions.Options;

namespace FhirGateway.Api.RateLimiting;

/// <summary>Checks the <c>RateLimiting</c> settings at start-up and reports every problem at once.</summary>
internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var errors = new List<string>();
        var section = RateLimitingOptions.Section;
        Check(options.ConcurrentRequestsPerClient, nameof(options.ConcurrentRequestsPerClient));
        Check(options.RequestsPerSecondPerClient, nameof(options.RequestsPerSecondPerClient));
        Check(options.BurstPerClient, nameof(options.BurstPerClient));
        if (options.Enabled && options.ConcurrentRequestsPerClient == 0 && options.RequestsPerSecondPerClient == 0)
        {
            errors.Add($"{section}:Enabled is true, but neither {section}:ConcurrentRequestsPerClient nor {section}:RequestsPerSecondPerClient sets a limit.");
        }

        if (options.BurstPerClient > 0 && options.RequestsPerSecondPerClient == 0)
        {
            errors.Add($"{section}:BurstPerClient needs {section}:RequestsPerSecondPerClient.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(int value, string setting)
        {
            if (value is < 0 or > RateLimitingOptions.MaxLimit)
            {
                errors.Add($"{section}:{setting} must be from 0 (no limit) to {RateLimitingOptions.MaxLimit}; it is {value}.");
            }
        }
    }
}
