using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Telemetry;

/// <summary>Checks the <c>Telemetry</c> settings at start-up and reports every problem at once.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        }

        if (!string.IsNullOrEmpty(options.OtlpEndpoint) && options.ExportEndpoint is null)
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http or https URL; it is '{options.OtlpEndpoint}'.");
        }

        if (options.OtlpProtocol is not (TelemetryOptions.Grpc or TelemetryOptions.HttpProtobuf))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpProtocol must be '{TelemetryOptions.Grpc}' or '{TelemetryOptions.HttpProtobuf}'; it is '{options.OtlpProtocol}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
