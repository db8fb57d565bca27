using FhirGateway.Api.Outcomes;
using FhirGateway.Storage;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Api.Interactions;

/// <summary>
/// The instance and type interactions of https://hl7.org/fhir/R4/http.html, run against a store or a unit of work
/// (<see cref="IResourceOperations"/>), so that plain requests and the entries of batch and transaction Bundles share
/// one implementation. Refusals are thrown as <see cref="FhirException"/>; one place maps them to statuses.
/// </summary>
internal sealed partial class ResourceInteractions(WritePreparer preparer, IConditionalMatcher matcher, ILogger<ResourceInteractions> logger)
{
    /// <summary>
    /// How often a conditional write starts again after losing a race to a concurrent writer: each round has a winner,
    /// so this bounds how many writers may contend for one resource at once.
    /// </summary>
    private const int MaxAttempts = 32;

    /// <summary>Evaluates conditional criteria; 400 naming the criterion the matcher cannot evaluate.</summary>
    public async Task<ConditionalMatch> MatchAsync(
        IResourceOperations ops, string type, IReadOnlyList<KeyValuePair<string, string>> criteria, CancellationToken cancellationToken)
    {
        var match = await matcher.MatchAsync(ops, type, criteria, cancellationToken);
        if (!match.IsSupported)
        {
            var name = match.UnsupportedParameter is { Length: > 0 } p ? $"The search criterion '{p}' cannot be evaluated: " : string.Empty;
            throw new FhirException(StatusCodes.Status400BadRequest, match.IsMalformed ? "invalid" : "not-supported", name + match.Reason);
        }

        return match;
    }

    private async Task RetryingAsync(string interaction, string type, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            throw FhirException.Status(StatusCodes.Status409Conflict, $"The {interaction} of a {type} kept conflicting with concurrent writes; nothing was changed.");
        }

        InteractionLog.ConcurrentRetry(logger, interaction, type, attempt);
        if (attempt > 2)
        {
            // Spread contenders out, so the next round is not the same stampede.
            await Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);
        }
    }
}
