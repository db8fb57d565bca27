using Microsoft.Extensions.Options;

namespace FhirGateway.Api.Reindexing;

/// <summary>Checks the <c>Reindex</c> settings at start-up.</summary>
internal sealed class ReindexOptionsValidator : IValidateOptions<ReindexOptions>
{
    public ValidateOptionsResult Validate(string? name, ReindexOptions options) =>
        options.BatchSize is < 1 or > ReindexOptions.MaxBatchSize
            ? ValidateOptionsResult.Fail($"{ReindexOptions.Section}:BatchSize must be from 1 to {ReindexOptions.MaxBatchSize}; it is {options.BatchSize}.")
            : ValidateOptionsResult.Success;
}
